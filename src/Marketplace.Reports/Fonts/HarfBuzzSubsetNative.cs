using System.Runtime.InteropServices;

namespace Marketplace.Reports.Fonts;

/// <summary>
/// The hb-subset entry points that libHarfBuzzSharp.so (HarfBuzzSharp.NativeAssets.Linux 8.3.1.5) exports but
/// HarfBuzzSharp does not wrap. Skia's own PDF subsetter is compiled out of the Linux native build, so without
/// this every PDF would carry the whole multi-megabyte CJK font.
/// </summary>
internal static partial class HarfBuzzSubsetNative
{
    private const string Library = "libHarfBuzzSharp";

    /// <summary>HB_MEMORY_MODE_READONLY: HarfBuzz reads the caller's memory and never copies or writes it.</summary>
    public const int MemoryModeReadOnly = 1;

    /// <summary>HB_SUBSET_FLAGS_NO_HINTING: PDF viewers do not use TrueType hinting; dropping it saves bytes.</summary>
    public const uint FlagsNoHinting = 0x1;

    [LibraryImport(Library, EntryPoint = "hb_blob_create")]
    public static partial IntPtr BlobCreate(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(Library, EntryPoint = "hb_blob_destroy")]
    public static partial void BlobDestroy(IntPtr blob);

    [LibraryImport(Library, EntryPoint = "hb_blob_get_data")]
    public static partial IntPtr BlobGetData(IntPtr blob, out uint length);

    [LibraryImport(Library, EntryPoint = "hb_face_create")]
    public static partial IntPtr FaceCreate(IntPtr blob, uint index);

    [LibraryImport(Library, EntryPoint = "hb_face_destroy")]
    public static partial void FaceDestroy(IntPtr face);

    [LibraryImport(Library, EntryPoint = "hb_face_reference_blob")]
    public static partial IntPtr FaceReferenceBlob(IntPtr face);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_create_or_fail")]
    public static partial IntPtr SubsetInputCreateOrFail();

    [LibraryImport(Library, EntryPoint = "hb_subset_input_destroy")]
    public static partial void SubsetInputDestroy(IntPtr input);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_unicode_set")]
    public static partial IntPtr SubsetInputUnicodeSet(IntPtr input);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_set_flags")]
    public static partial void SubsetInputSetFlags(IntPtr input, uint flags);

    [LibraryImport(Library, EntryPoint = "hb_set_add")]
    public static partial void SetAdd(IntPtr set, uint codepoint);

    [LibraryImport(Library, EntryPoint = "hb_subset_or_fail")]
    public static partial IntPtr SubsetOrFail(IntPtr sourceFace, IntPtr input);
}

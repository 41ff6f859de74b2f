using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Database;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Integration.Organizations;

/// <summary>The upload store on a real folder: content sniffing, the size limit while streaming, generated names.</summary>
public sealed class DocumentStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "marketplace-docs", Guid.NewGuid().ToString("N"));
    private const string Code = "52330502MJ5A27315U";

    private DocumentStore Store(long maxBytes) =>
        new(new DatabaseOptions { DataDirectory = _root }, Options.Create(new OrganizationOptions { MaxUploadBytes = maxBytes }), new Environment(_root));

    /// <summary>A request body that cannot seek or tell its length, as a streamed upload is.</summary>
    private sealed class Unseekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "Marketplace.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private string[] StoredFiles() => Directory.GetFiles(Path.Combine(_root, "uploads"), "*", SearchOption.AllDirectories);

    [Fact]
    public async Task Fifty_megabyte_stream_is_cut_off_at_the_limit_and_leaves_no_file()
    {
        var store = Store(10 * 1024 * 1024);
        var fifty = new byte[50 * 1024 * 1024];
        OrganizationForms.Pdf.CopyTo(fifty, 0);
        var outcome = await store.SaveAsync(Code, new Unseekable(new MemoryStream(fifty)), CancellationToken.None);
        Assert.Contains("文件超过 10 MB 的上限", Assert.Single(outcome.Errors).Message);
        Assert.Empty(StoredFiles());
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, ".png", "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, ".jpg", "image/jpeg")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, ".pdf", "application/pdf")]
    public async Task Accepted_types_are_recognised_by_content_and_stored_under_a_generated_name(byte[] content, string extension, string contentType)
    {
        var outcome = await Store(1024).SaveAsync(Code, new Unseekable(new MemoryStream(content)), CancellationToken.None);
        var file = outcome.Value!;
        Assert.Equal(contentType, file.ContentType);
        Assert.Matches($"^{Code}/[0-9a-f]{{32}}\\{extension}$", file.StoredName);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_root, "uploads", file.StoredName)));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'M', (byte)'Z', 0x90, 0 })]               // Windows executable
    [InlineData(new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', (byte)'>' })]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })]                      // zip / docx
    public async Task Other_content_is_refused_whatever_its_name(byte[] content)
    {
        var outcome = await Store(1024).SaveAsync(Code, new MemoryStream(content), CancellationToken.None);
        Assert.Contains("只接受 PDF、JPG、PNG", Assert.Single(outcome.Errors).Message);
        Assert.Empty(StoredFiles());
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\a\\登记证书.pdf", "登记证书.pdf")]
    [InlineData("<script>.pdf", "script.pdf")]
    [InlineData("", "文件")]
    public void Display_names_keep_only_a_harmless_last_segment(string input, string expected) =>
        Assert.Equal(expected, DocumentStore.SafeDisplayName(input));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

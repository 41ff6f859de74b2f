using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class TenderSubmissionRowConfiguration : IEntityTypeConfiguration<TenderSubmissionRow>
{
    public void Configure(EntityTypeBuilder<TenderSubmissionRow> b)
    {
        b.ToTable("TenderSubmissions");
        // (tender, sequence) as the key: a second activation of one tender cannot append the same number.
        b.HasKey(x => new { x.TenderId, x.Sequence });
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
        // A retried submit stores one application even if two activations both accepted it.
        b.HasIndex(x => new { x.TenderId, x.IdempotencyKey }).IsUnique();
    }
}

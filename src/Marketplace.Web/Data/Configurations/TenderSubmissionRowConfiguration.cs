using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class TenderSubmissionRowConfiguration : IEntityTypeConfiguration<TenderSubmissionRow>
{
    public void Configure(EntityTypeBuilder<TenderSubmissionRow> b)
    {
        b.ToTable("TenderSubmissions");
        // (tender, sequence) as the key: a second activation of one tender cannot append the same number,
        // so it cannot store a retried submission twice either (the grain de-duplicates idempotency keys
        // against everything before its position). No index on the key itself: random keys would scatter a
        // rush's inserts over the whole index, one page written per submission.
        b.HasKey(x => new { x.TenderId, x.Sequence });
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.IdempotencyKey).HasMaxLength(100);
    }
}

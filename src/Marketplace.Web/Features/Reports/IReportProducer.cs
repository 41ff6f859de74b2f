namespace Marketplace.Web.Features.Reports;

/// <summary>Produces one kind of background report. Reports progress from 0 to 100 as it goes.</summary>
public interface IReportProducer
{
    string Kind { get; }

    Task ProduceAsync(ReportRunRequest request, Stream output, IProgress<int> progress, CancellationToken ct);
}

public sealed record ReportRunRequest(Guid RunId, int Year, long? DistrictId);

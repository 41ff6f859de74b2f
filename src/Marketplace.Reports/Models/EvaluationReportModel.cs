using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One indicator of a source's sheet: its weight and the points given (null while not scored).</summary>
public sealed record EvaluationIndicatorLine(string Name, decimal Weight, decimal? Score);

/// <summary>One evaluation source (自评, 互评, 群众评, 第三方评): its weight in the total, its score on 100 and its sheet.</summary>
public sealed record EvaluationSourceLine(string Source, decimal Weight, decimal? Score, string? By, int? SampleSize,
    IReadOnlyList<EvaluationIndicatorLine> Indicators);

/// <summary>绩效评估报告 of one gated tranche (round 2 is the re-evaluation after 整改).</summary>
public sealed record EvaluationReportModel(
    string Title, string Number, string Street, string Organization, string Uscc,
    int TrancheNo, string Gate, Money TrancheAmount, int Round, DateOnly Due,
    IReadOnlyList<EvaluationSourceLine> Sources,
    decimal? Total, string? Grade, string? Note, DateOnly PrintedOn,
    /// <summary>服务完成度: delivered against contracted units ("87.50%（个案服务 100/100）"), or why there is none.</summary>
    string? Completion = null);

/// <summary>付款通知书: what the street's finance office pays, to whom and with which reference.</summary>
public sealed record PaymentNoticeModel(
    string Title, string ContractNumber, string Street, string Payee, string Uscc,
    string Bank, string AccountName, string AccountNumber, Money Amount, string Reference,
    int TrancheNo, string Gate, string? Grade, string ConfirmedBy, DateOnly ConfirmedOn, DateOnly PrintedOn);

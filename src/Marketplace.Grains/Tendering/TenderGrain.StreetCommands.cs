using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// The street's tender actions as one call each: the caller's street is checked here (one not-found rule:
/// another street's tender is answered as missing), then the command runs as the grain's own method.
/// </summary>
public sealed partial class TenderGrain
{
    public async Task<StreetCommandResult> ActAsStreetAsync(StreetCaller caller, StreetTenderCommand command)
    {
        if (!S.Created || S.StreetId != caller.StreetId)
        {
            return StreetCommandResult.Missing;
        }
        var user = caller.User;
        ImmutableArray<FieldError> errors = command switch
        {
            StreetTenderCommand.Publish c => (await PublishAsync(c.ExpectedVersion ?? S.Version, user)).Errors,
            StreetTenderCommand.UpdateNotice c => (await UpdateNoticeAsync(c.ExpectedVersion ?? S.Version, OwnItemAndTypes(c.Notice), user)).Errors,
            StreetTenderCommand.Cancel c => (await CancelAsync(c.Reason, user)).Errors,
            StreetTenderCommand.Close => await CloseByHandAsync(),
            StreetTenderCommand.RequestPanel c => await PanelOfTypedSizeAsync(c.Size, user),
            StreetTenderCommand.ReplaceMember c => (await ReplaceMemberAsync(c.ExpertId, c.Reason, user)).Errors,
            StreetTenderCommand.RedrawPanel => (await RedrawPanelAsync(user)).Errors,
            StreetTenderCommand.ConfirmAward c => (await ConfirmAwardAsync(c.Uscc, c.NotTopReason, user)).Errors,
            StreetTenderCommand.Rerun c => (await RerunAsync(c.NewTenderId, user)).Errors,
            StreetTenderCommand.SwitchToSingleSource c => await SingleSourceAtTypedPriceAsync(c, user),
            StreetTenderCommand.AnswerObjection c => (await AnswerObjectionAsync(c.ObjectionId, c.Answer, user)).Errors,
            _ => [new FieldError("", "不支持的操作")],
        };
        return StreetCommandResult.Of(errors);
    }

    /// <summary>An edit never moves the tender to another catalog item nor changes who may apply (SPEC §3.1).</summary>
    private TenderNotice OwnItemAndTypes(TenderNotice notice) =>
        notice with
        {
            TransferItemId = S.Notice!.TransferItemId,
            Eligibility = notice.Eligibility with { ProviderTypes = S.Notice.Eligibility.ProviderTypes },
        };

    private async Task<ImmutableArray<FieldError>> CloseByHandAsync()
    {
        var result = await CloseAsync();
        return result.Succeeded && result.Value!.Status == TenderStatus.Published ? [new FieldError("", "尚未到报名截止时间")] : result.Errors;
    }

    private async Task<ImmutableArray<FieldError>> PanelOfTypedSizeAsync(string? sizeText, string user)
    {
        // The size box is on the page only once registration has closed; before that the status reason
        // (报名截止后才能抽取评审专家) is the one to show, not an error beside an absent box.
        var parsed = int.TryParse(sizeText, out var size);
        if (S.Status == TenderStatus.Closed && (!parsed || size < 1 || size > 99))
        {
            return [new FieldError("Size", "请输入评审小组人数（单数，至少3人）")];
        }
        return (await RequestPanelAsync(parsed ? size : 0, user)).Errors;
    }

    private async Task<ImmutableArray<FieldError>> SingleSourceAtTypedPriceAsync(StreetTenderCommand.SwitchToSingleSource c, string user)
    {
        // As for the panel: the price box is shown for a failed purchase only; otherwise the status is the reason.
        if (!MoneyFormat.TryParse(c.Price, out var price, out var priceError) && S.Status == TenderStatus.Failed)
        {
            return [new FieldError("Price", "成交价格：" + priceError)];
        }
        return (await SwitchToSingleSourceAsync(c.Uscc, price, c.Reason, user)).Errors;
    }
}

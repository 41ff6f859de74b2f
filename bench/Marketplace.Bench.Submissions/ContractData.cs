using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Bench.Submissions;

/// <summary>
/// Contracts across a district's streets as streets enter them (合同补录 of paper contracts): each street's
/// budget for the year entered and confirmed, then each contract created, signed by the street and by its
/// organization (the budget grain commits it) and every second one paid its signing tranche (50 %, disbursed).
/// Everything goes through the grains in-process, so the contract state, its read rows and tranches, the
/// ledger's posting groups and the budget figures are written as the product writes them and the ledger
/// balances (<c>LedgerAudit</c>). Also compiled into the integration tests, which read the district PDF back.
/// </summary>
internal static class ContractData
{
    public sealed record Street(long Id, long DistrictId, string Name);

    /// <summary>What one street got: its confirmed budget and the ledger figures its contracts imply.</summary>
    public sealed record Generated(long StreetId, string Name, Money Budget, int Contracts, Money Committed, Money Disbursed);

    /// <summary>Fiscal funds (财政资金) only: the largest contract is 199,000, so 20 per street fit 4,000,000.</summary>
    public static readonly Money StreetBudget = Money.FromYuan(4_000_000m);

    private static readonly string[] Services =
    [
        "居家养老上门服务项目", "社区儿童课后托管服务项目", "残疾人康复照料服务项目", "困境儿童关爱服务项目",
        "社区矫正对象帮扶服务项目", "独居老人助餐服务项目", "社区心理健康服务项目", "新市民融入服务项目",
        "社区志愿者培育项目", "邻里互助睦邻服务项目",
    ];

    /// <summary>
    /// Spreads <paramref name="count"/> contracts over <paramref name="streets"/> (the same number each, the
    /// first streets one more), with organizations of <paramref name="usccs"/> in turn; streets in parallel,
    /// each street's contracts one after another as they share its budget grain.
    /// </summary>
    public static async Task<IReadOnlyList<Generated>> CreateAsync(
        IGrainFactory grains, IReadOnlyList<Street> streets, IReadOnlyList<string> usccs, int count, int year)
    {
        var result = new Generated[streets.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, streets.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, _) =>
        {
            var street = streets[s];
            var contracts = count / streets.Count + (s < count % streets.Count ? 1 : 0);
            var budget = grains.GetStreetBudget(street.Id, year);
            var entered = Check(await budget.EnterBudgetAsync(new BudgetEntry(StreetBudget, [new(FundingSource.Fiscal, StreetBudget)], "年度购买服务预算"),
                0, "street"));
            Check(await budget.ConfirmBudgetAsync(entered.Version, "district"));
            var (committed, disbursed) = (Money.Zero, Money.Zero);
            for (var k = 0; k < contracts; k++)
            {
                var amount = Amount(s, k);
                var uscc = usccs[(s * 7 + k) % usccs.Count];
                var start = new DateOnly(year, 1 + (s + k) % 12, 1);
                var contract = grains.GetGrain<IContractGrain>(Guid.CreateVersion7());
                var terms = new ContractDraft(street.Id, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, []);
                var created = Check(await contract.CreateFromRecordAsync(new ContractRecord(street.Id, street.DistrictId,
                    street.Name + Services[(s + k) % Services.Length], "按合同约定提供服务并按期报送服务记录", "服务记录、季度报告、满意度调查",
                    uscc, "elderly", amount, [new(FundingSource.Fiscal, amount)], terms, $"JN{year}-{s + 1:D4}-{k + 1:D2}"), "street"));
                Check(await contract.SignAsStreetAsync(street.Id, "street"));
                Check(await contract.SignAsOrganizationAsync(uscc, new BankAccount("中国工商银行南京江宁支行", created.OrganizationName,
                    $"4301{s:D6}{k:D4}"), "organization"));
                committed += amount;
                if (k % 2 == 0)
                {
                    // The signing tranche is half the amount, in fen (PaymentSchedule.Default); paying moves it from committed to disbursed.
                    var paid = Check(await contract.PayTrancheAsync(street.Id, 1, "street")).Amount;
                    (committed, disbursed) = (committed - paid, disbursed + paid);
                }
            }
            result[s] = new Generated(street.Id, street.Name, StreetBudget, contracts, committed, disbursed);
        });
        return result;
    }

    /// <summary>60,000 to 199,000 yuan, varying by street and contract so each street's figures differ.</summary>
    public static Money Amount(int street, int contract) => Money.FromYuan(60_000m + (street * 37 + contract * 11) % 140 * 1_000m);

    private static T Check<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException(string.Join("; ", outcome.Errors.Select(e => e.Message)));
}

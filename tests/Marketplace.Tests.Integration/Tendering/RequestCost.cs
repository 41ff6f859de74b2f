using System.Net;
using Marketplace.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Tendering;

/// <summary>Measuring one request of a <see cref="CountedApp"/>: what it cost, printed, and the bounds the cost tests hold it to.</summary>
public sealed class RequestCost(CountedApp app, ITestOutputHelper output)
{
    /// <param name="mayCostNothing">An answer from memory (the catalog snapshot): the caller shows the counter wired by another measurement.</param>
    public async Task<CallCounter.Calls> MeasureAsync(string what, Func<Task<HttpResponseMessage>> request, HttpStatusCode expected, bool mayCostNothing = false)
    {
        var (response, calls) = await app.Counter.MeasureAsync(request);
        if (response.StatusCode != expected)
        {
            await TenderForms.AssertRedirectAsync(response); // shows the page's reasons
        }
        Assert.Equal(expected, response.StatusCode);
        // One line a request, "<what> [<database>]: <calls>", which docs/ARCHITECTURE.md's data-flow table copies.
        output.WriteLine($"{what} [{app.Target}]: {calls}");
        // The counter is wired: every request asks the session stamp grain for the signed-in user or reads a list.
        Assert.True(mayCostNothing || calls.GrainCalls.Count + calls.Commands.Count > 0, $"nothing counted for {what}");
        return calls;
    }

    public static void AtMost(CallCounter.Calls calls, int grainCalls, int commands, int transactions = 0)
    {
        Assert.True(calls.Transactions <= transactions, $"{calls.Transactions} transactions, at most {transactions} expected: {calls}");
        Assert.True(calls.GrainCalls.Count <= grainCalls, $"{calls.GrainCalls.Count} grain calls, at most {grainCalls} expected: {calls}");
        Assert.True(calls.Commands.Count <= commands, $"{calls.Commands.Count} database commands, at most {commands} expected: {calls}");
    }

    /// <summary>The street's POST reaches the tender once, first, with the caller's street; no read of the tender before it.</summary>
    /// <param name="refused">A refusal reads the page's view once more, after the command, to re-render with the reasons.</param>
    public static void OneCommand(CallCounter.Calls calls, bool refused = false)
    {
        Assert.Equal("ITenderGrain.ActAsStreetAsync", calls.GrainCalls.First(c => c.StartsWith("ITenderGrain.", StringComparison.Ordinal)));
        Assert.Single(calls.GrainCalls, c => c == "ITenderGrain.ActAsStreetAsync");
        Assert.DoesNotContain("ITenderGrain.GetInfoAsync", calls.GrainCalls);
        Assert.Equal(refused ? 1 : 0, calls.GrainCalls.Count(c => c == "ITenderGrain.GetStreetViewAsync"));
    }

    /// <summary>A street action posted from <c>/Street/Tenders/Details/{id}</c>; <paramref name="query"/> carries a handler's own id ("&amp;expertId=…").</summary>
    public Task<CallCounter.Calls> ActAsync(AppSession official, Guid id, string handler, string token, IEnumerable<KeyValuePair<string, string>> fields,
        HttpStatusCode expected = HttpStatusCode.Redirect, string query = "")
    {
        var page = $"/Street/Tenders/Details/{id}";
        return MeasureAsync($"POST {handler}", () => official.Http.PostAsync($"{page}?handler={handler}{query}",
            new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)))), expected);
    }
}

using Marketplace.Bench.Http;

// bench/run drives this program: `--b1-server <port>` is the B1 baseline process, anything else the bench.
if (args is ["--b1-server", var port])
{
    await BaselineServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
var options = BenchOptions.Parse(args);
// --scoring-only: just the expert-scoring scenario on its own generated database (a quick check of it).
return args.Contains("--scoring-only") ? await ScoringScenario.OnlyAsync(options) : await BenchRun.RunAsync(options);

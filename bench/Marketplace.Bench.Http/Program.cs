using Marketplace.Bench.Http;

// bench/run drives this program: `--b1-server <port>` is the B1 baseline process, `--b4-server <port> <silo port> <dir>`
// the B4 one (B4Server.cs), `--rush-only` the rush cases alone (RushProfile.cs), anything else the whole bench.
if (args is ["--b1-server", var port])
{
    await BaselineServer.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
if (args is ["--b4-server", var b4Port, var siloPort, var b4Data])
{
    await B4Server.RunAsync(int.Parse(b4Port, System.Globalization.CultureInfo.InvariantCulture), int.Parse(siloPort, System.Globalization.CultureInfo.InvariantCulture), b4Data);
    return 0;
}
var options = BenchOptions.Parse(args);
// --scoring-only: just the expert-scoring scenario on its own generated database (a quick check of it).
return options.RushOnly ? await RushProfile.RunAsync(options)
    : args.Contains("--scoring-only") ? await ScoringScenario.OnlyAsync(options)
    : await BenchRun.RunAsync(options);

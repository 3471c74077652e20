using System.Diagnostics;
using System.Globalization;
using Omnichannel.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 2 && args[0] == "--serve-relay")
{
    await RelayServer.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.WriteLine("""
        Omnichannel benchmark: the hub against a minimal SignalR relay on this machine, plus micro-benchmarks.
          dotnet run -c Release --project tests/Bench -- [--quick] [--only latency,inbound,backlog,open,connections,search,reports,micro]
                                                         [--storage sqlite,postgresql] [--nodes 1,2] [--connections N] [--out DIR]
        --quick        short steps and smaller backlogs (a few minutes)
        --only         run some scenarios (default: all; "sla" is "open")
        --storage      the hub's storage for latency, inbound and backlog (default sqlite,postgresql when PostgreSQL is installed)
        --nodes        hub processes on PostgreSQL (default 1,2; more than one adds a Redis backplane; SQLite always runs one)
        --connections  idle widget connections to hold (default 10,000)
        --targets      hub,relay (default both)      --rates 100,1000  fixed latency rates only (no ladder)
        --step-seconds seconds per latency step      --visitors N / --operators M / --inbound-concurrency C
        --inbound-warmup S / --inbound-seconds S  the closed loop's warm-up and measured seconds (default 30 / 15)
        --sync Full|Normal  the hub's Storage:Synchronous (default Full: every commit synced to disk before the ack)
        --out          where bench-results.md / .json go (default: tests/Bench)
        """);
    return 2;
}

var repoRoot = BenchOptions.FindRepoRoot();
Cleanup.OnInterrupt();
var fdLimit = Limits.RaiseOpenFiles();
if (options.Synchronous is { } sync)
    ServerProcess.HubSettings["Storage__Synchronous"] = sync;
var results = new BenchResults
{
    Machine = MachineInfo.Read(repoRoot),
    Mode = (options.Quick ? "quick" : "full") + (options.Synchronous is { } s ? $", hub Storage:Synchronous={s}" : ""),
    Arguments = string.Join(' ', args),
};
void Log(string line) => Console.WriteLine(line);
var total = Stopwatch.StartNew();
Log($"Omnichannel bench ({results.Mode}) on {results.Machine.Cores} cores, {results.Machine.MemoryMiB:N0} MiB, {results.Machine.Cpu}, commit {results.Machine.Commit}, open files {fdLimit}");

var outDir = options.OutDirectory ?? Path.Combine(repoRoot, "tests", "Bench");
Directory.CreateDirectory(outDir);
async Task WriteAsync()
{
    results.Seconds = total.Elapsed.TotalSeconds;
    var report = new Report(results);
    await File.WriteAllTextAsync(Path.Combine(outDir, "bench-results.json"), report.Json());
    await File.WriteAllTextAsync(Path.Combine(outDir, "bench-results.md"), report.Markdown());
}
await using (var servers = new BenchServers())
{
    var scenarios = new Scenarios(repoRoot, options, results, servers, Log, WriteAsync);
    await scenarios.RunAsync();
}

await WriteAsync();
Log("\n" + new Report(results).Table());
Log($"Written {Path.Combine(outDir, "bench-results.md")} and bench-results.json ({results.Seconds:F0} s).");
if (results.Errors.Count > 0)
{
    Log($"\nFAILED: the hub logged {results.Errors.Count} error line(s):\n  " + string.Join("\n  ", results.Errors.Take(50)));
    return 1;
}
return 0;

namespace Omnichannel.Bench
{
    public sealed class BenchOptions
    {
        public bool Quick { get; private set; }
        public HashSet<string>? Only { get; private set; }
        public int? Connections { get; private set; }
        public string? OutDirectory { get; private set; }
        public int Visitors { get; private set; } = 100;
        public int Operators { get; private set; } = 2;
        public int InboundConcurrency { get; private set; } = 64;
        /// <summary>Closed-loop inbound warm-up and measured seconds (null: 5 and 15, --quick 3 and 5).</summary>
        public int? InboundWarmUpSeconds { get; private set; }
        public int? InboundSeconds { get; private set; }
        public HashSet<string> Targets { get; private set; } = ["hub", "relay"];
        public int[]? Rates { get; private set; }
        public int? StepSeconds { get; private set; }
        public string[] Storage { get; private set; } = Directory.Exists("/usr/lib/postgresql") ? ["sqlite", "postgresql"] : ["sqlite"];
        public int[] Nodes { get; private set; } = [1, 2];
        public string? Synchronous { get; private set; }

        public bool Runs(string scenario) => Only is null || Only.Contains(scenario) || (scenario == "open" && Only.Contains("sla"));

        public static BenchOptions? Parse(string[] args)
        {
            var options = new BenchOptions();
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--quick": options.Quick = true; break;
                    case "--only": options.Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                    case "--connections": options.Connections = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--visitors": options.Visitors = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--operators": options.Operators = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--inbound-concurrency": options.InboundConcurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--inbound-warmup": options.InboundWarmUpSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--inbound-seconds": options.InboundSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--out": options.OutDirectory = Path.GetFullPath(Next()); break;
                    case "--targets": options.Targets = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                    case "--rates": options.Rates = [.. Next().Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))]; break;
                    case "--sync": options.Synchronous = Next(); break;
                    case "--storage": options.Storage = [.. Next().ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                    case "--nodes": options.Nodes = [.. Next().Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))]; break;
                    case "--step-seconds": options.StepSeconds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    default: return null;
                }
            }
            return options;
        }

        public static string FindRepoRoot()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "Omnichannel.sln")))
                        return dir.FullName;
            throw new InvalidOperationException("Run the bench from inside the repository (Omnichannel.sln not found).");
        }
    }
}

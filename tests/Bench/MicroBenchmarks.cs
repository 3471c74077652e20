using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Pipeline;
using Omnichannel.Hub.Realtime;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Bench;

public sealed record MicroResult(string Name, double MeanNs, double ErrorNs, long AllocatedBytes, string Note);

/// <summary>
/// The hub exactly as its Program.cs builds it (every Add… and Map…, its hosted services running; the factory runs the
/// entry point of <see cref="InboundWriter"/>'s assembly), on a SQLite file in a temp folder, without Kestrel: the
/// micro-benchmarks call its services directly. (A hand-written copy of Program.cs's list fell behind it once, and every
/// pipeline micro-benchmark failed quietly.)
/// </summary>
public sealed class InProcessHub : IAsyncDisposable
{
    private readonly WebApplicationFactory<InboundWriter> factory;
    private readonly string root;

    public IServiceProvider Services => factory.Services;

    private InProcessHub(WebApplicationFactory<InboundWriter> factory, string root)
    {
        this.factory = factory;
        this.root = root;
    }

    public static InProcessHub Start()
    {
        var root = Path.Combine(Path.GetTempPath(), "omnichannel-bench", "micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        // The content root is the temp folder (the factory would look for the hub's source folder beside the solution).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_OMNICHANNEL_HUB", root);
        var factory = new WebApplicationFactory<InboundWriter>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(root, "hub.db")}");
            web.UseSetting("Storage:KeysDirectory", Path.Combine(root, "keys"));
            web.UseSetting("Demo:Enabled", "false");
            web.UseSetting("RateLimits:Enabled", "false");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.ConfigureLogging(logging => logging.ClearProviders());
        });
        // Builds the host, migrates, starts the hosted services.
        _ = factory.Services;
        return new InProcessHub(factory, root);
    }

    public async Task<Operator> AddAvailableOperatorAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var op = new Operator
        {
            Email = $"micro-{Guid.NewGuid():N}@bench.local", DisplayName = "Micro", CreatedAt = DateTime.UtcNow,
            Presence = Presence.Available, LiveCapacity = 1_000_000, AsyncCapacity = 1_000_000, AutoAccept = true,
        };
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        return op;
    }

    public async Task<InboundResult> ReceiveAsync(InboundMessage message)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveMessage(message));
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>ReceiveMessage through the mediator (dedupe → persist → route → publish) on in-memory SQLite.</summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private InProcessHub hub = null!;
    private long seq;

    [GlobalSetup]
    public void Setup()
    {
        hub = InProcessHub.Start();
        hub.AddAvailableOperatorAsync().GetAwaiter().GetResult();
        // An ongoing WhatsApp chat, already assigned to the operator.
        hub.ReceiveAsync(Message("+34600000001")).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => hub.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private InboundMessage Message(string phone) =>
        new(ChannelKind.WhatsApp, "whatsapp:" + phone, "SMmicro" + Interlocked.Increment(ref seq), "Hola, ¿tenéis la talla M?", DateTime.UtcNow);

    [Benchmark(Description = "ReceiveMessage: next message of an assigned chat")]
    public Task<InboundResult> ReceiveInAssignedChat() => hub.ReceiveAsync(Message("+34600000001"));

    [Benchmark(Description = "ReceiveMessage: new contact, new conversation, routed")]
    public Task<InboundResult> ReceiveNewConversation() => hub.ReceiveAsync(Message("+3461" + Interlocked.Increment(ref seq).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>The dedupe step's lookup (channel + provider message id) against 10,000 stored messages.</summary>
[MemoryDiagnoser]
public class DedupeBenchmarks
{
    private InProcessHub hub = null!;
    private InboundMessage hit = null!;
    private InboundMessage miss = null!;

    [GlobalSetup]
    public void Setup()
    {
        hub = InProcessHub.Start();
        using (var scope = hub.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
            var contact = new Contact { DisplayName = "Dedupe", CreatedAt = DateTime.UtcNow, Identities = [new ContactIdentity { Channel = ChannelKind.Sms, Handle = "+34600000009" }] };
            var conversation = new Conversation { Contact = contact, Channel = ChannelKind.Sms, ContactHandle = "+34600000009", State = ConversationState.Waiting, CreatedAt = DateTime.UtcNow, LastMessageAt = DateTime.UtcNow };
            db.Conversations.Add(conversation);
            for (var i = 0; i < 10_000; i++)
                db.Messages.Add(new Message { Conversation = conversation, Channel = ChannelKind.Sms, Direction = MessageDirection.Inbound, Text = "x", ProviderMessageId = $"SMdedupe{i:D6}", Status = MessageStatus.Delivered, CreatedAt = DateTime.UtcNow });
            db.SaveChanges();
        }
        hit = new InboundMessage(ChannelKind.Sms, "+34600000009", "SMdedupe005000", "x", DateTime.UtcNow);
        miss = new InboundMessage(ChannelKind.Sms, "+34600000009", "SMnotthere", "x", DateTime.UtcNow);
    }

    [GlobalCleanup]
    public void Cleanup() => hub.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "Dedupe lookup: duplicate (hit)")]
    public async Task<InboundResult?> Hit()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await InboundDedupe.FindAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), hit, CancellationToken.None);
    }

    [Benchmark(Description = "Dedupe lookup: new message (miss)")]
    public async Task<InboundResult?> Miss()
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await InboundDedupe.FindAsync(scope.ServiceProvider.GetRequiredService<OmnichannelDb>(), miss, CancellationToken.None);
    }
}

/// <summary>Router decisions with 100 operators and 10,000 queued conversations (pure, no I/O).</summary>
[MemoryDiagnoser]
public class RouterBenchmarks
{
    private List<Candidate> operators = null!;
    private List<QueuedConversation> queue = null!;
    private DateTime now;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        now = new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        string[] skills = ["es", "en", "de", "returns", "billing"];
        operators = [.. Enumerable.Range(1, 100).Select(i => new Candidate(i, Presence.Available, 5, 10, random.Next(0, 5), random.Next(0, 10),
            skills.Where(_ => random.Next(3) == 0).ToArray(), now.AddMinutes(-random.Next(0, 120))))];
        var channels = Enum.GetValues<ChannelKind>();
        queue = [.. Enumerable.Range(1, 10_000).Select(i => new QueuedConversation(i, channels[random.Next(channels.Length)], now.AddSeconds(random.Next(-600, 86_400)),
            random.Next(4) == 0 ? [skills[random.Next(skills.Length)]] : []))];
    }

    [Benchmark(Description = "Router.Pick x 10,000 queued (100 operators)")]
    public int PickEach()
    {
        var picked = 0;
        foreach (var conversation in queue)
            if (Router.Pick(operators, conversation) is not null)
                picked++;
        return picked;
    }

    [Benchmark(Description = "Router.Plan: 10,000 queued over 100 operators")]
    public int Plan() => Router.Plan(operators, queue, now).Count;

}

public class SlaBenchmarks
{
    private List<Conversation> conversations = null!;
    private SlaPolicy calendarTime = null!;
    private SlaPolicy businessHours = null!;
    private DateTime now;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        calendarTime = SlaPolicy.Default(ChannelKind.Email);
        var weekdays = Enumerable.Range(1, 5).ToDictionary(d => (DayOfWeek)d, _ => (IReadOnlyList<(TimeOnly, TimeOnly)>)[(new TimeOnly(9, 0), new TimeOnly(17, 0))]);
        businessHours = calendarTime with { Calendar = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"), weekdays) };
        conversations = [.. Enumerable.Range(1, 10_000).Select(i =>
        {
            var started = now.AddMinutes(-random.Next(0, 3 * 24 * 60));
            return new Conversation { Id = i, ContactHandle = "x", State = ConversationState.Waiting, SlaKind = SlaKind.FirstResponse, SlaStartedAt = started, CreatedAt = started, LastMessageAt = started };
        })];
    }

    [Benchmark(Description = "SlaClock.Evaluate x 10,000 conversations (calendar time)")]
    public int EvaluateCalendar() => Count(calendarTime);

    [Benchmark(Description = "SlaClock.Evaluate x 10,000 conversations (business hours)")]
    public int EvaluateBusinessHours() => Count(businessHours);

    private int Count(SlaPolicy policy)
    {
        var breached = 0;
        foreach (var conversation in conversations)
            if (SlaClock.Evaluate(policy, conversation, now).State == SlaState.Breached)
                breached++;
        return breached;
    }
}

public static class MicroRunner
{
    /// <summary>Every micro-benchmark class, in the order they are reported.</summary>
    public static readonly Type[] Types = [typeof(PipelineBenchmarks), typeof(DedupeBenchmarks), typeof(RouterBenchmarks), typeof(SlaBenchmarks)];

    public static List<MicroResult> Run(bool quick, Action<string> log)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = quick
            ? job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150))
            : job.WithWarmupCount(4).WithIterationCount(15).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(300));
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(NullLogger.Instance)
            .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "omnichannel-bench", "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.DisableLogFile);
        var results = new List<MicroResult>();
        foreach (var type in Types)
        {
            var summary = BenchmarkRunner.Run(type, config);
            foreach (var report in summary.Reports)
            {
                var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
                var stats = report.ResultStatistics;
                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
                var result = new MicroResult(name, stats?.Mean ?? double.NaN, stats?.StandardError ?? double.NaN, allocated, report.Success ? "" : "failed");
                log($"  {name,-55} {Format(result.MeanNs),12}  {allocated / 1024.0,10:F1} KiB/op");
                // A benchmark that threw (its setup, a hub service it needs) fails the run, as an error the hub logs does.
                if (!report.Success || stats is null)
                    HubLog.Add($"[micro] {name} failed: {FirstError(report)}");
                results.Add(result);
            }
            foreach (var error in summary.ValidationErrors)
                log($"  ! {error.Message}");
        }
        return results;
    }

    private static string FirstError(BenchmarkDotNet.Reports.BenchmarkReport report) =>
        report.ExecuteResults.SelectMany(r => r.Results).Concat(report.ExecuteResults.SelectMany(r => r.PrefixedLines))
            .FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? "no result (see BenchmarkDotNet's log)";

    public static string Format(double ns) => double.IsNaN(ns) ? "n/a"
        : ns >= 1_000_000 ? $"{ns / 1_000_000:F2} ms" : ns >= 1_000 ? $"{ns / 1_000:F1} µs" : $"{ns:F0} ns";
}

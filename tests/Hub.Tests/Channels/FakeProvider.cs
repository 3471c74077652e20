using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Hub.Tests.Channels;

/// <summary>One HTTP call a fake provider received.</summary>
public sealed record ProviderCall(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body as form fields (Twilio's REST API takes application/x-www-form-urlencoded).</summary>
    public Dictionary<string, string> Form => QueryHelpers.ParseQuery("?" + Body).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Fires when the caller gave up on the request (its timeout), for providers that answer too late.</summary>
    public CancellationToken Aborted { get; init; }

    /// <summary>The body exactly as sent (uploads are binary).</summary>
    public byte[] BodyBytes { get; init; } = [];

    /// <summary>The file parts of a multipart/form-data body, by field name: (file name, bytes).</summary>
    public async Task<Dictionary<string, (string? FileName, byte[] Bytes)>> FilesAsync()
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(Headers["Content-Type"]).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(BodyBytes));
        var files = new Dictionary<string, (string?, byte[])>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.FileName.HasValue && !disposition.FileNameStar.HasValue)
                continue;
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            files[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = (HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value, buffer.ToArray());
        }
        return files;
    }
}

public sealed record ProviderAnswer(int Status, string Body, string ContentType = "application/json");

/// <summary>
/// A provider's HTTP API on a loopback port: records every call, answers with <see cref="Respond"/>, or with
/// scripted failures queued by <see cref="FailNext"/> (e.g. 500 twice, or a 400 with the provider's error body).
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ProviderAnswer> failures = new();
    private readonly Channel<ProviderCall> arrivals = Channel.CreateUnbounded<ProviderCall>();
    private readonly List<ProviderCall> seen = [];

    public Uri BaseAddress { get; }
    public ConcurrentQueue<ProviderCall> Calls { get; } = new();

    /// <summary>Twilio: the messages the fake created (in order), as its list resource returns them.</summary>
    public ConcurrentQueue<Dictionary<string, string?>> Created { get; } = new();

    /// <summary>Telegram: the updates getUpdates hands out (those with update_id at or above the requested offset).</summary>
    public ConcurrentQueue<(long Id, string Json)> Updates { get; } = new();

    /// <summary>The normal answer to a call (set by the provider-specific factory).</summary>
    public Func<ProviderCall, Task<ProviderAnswer>> Respond { get; set; } = _ => Task.FromResult(new ProviderAnswer(404, "{}"));

    public FakeProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
        app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(app.Urls.First());
    }

    public void FailNext(int status, string body, int times = 1)
    {
        for (var i = 0; i < times; i++)
            failures.Enqueue(new ProviderAnswer(status, body));
    }

    /// <summary>Waits for a call matching <paramref name="match"/> (earlier ones count too).</summary>
    public async Task<ProviderCall> WaitAsync(Func<ProviderCall, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        lock (seen)
            if (seen.FirstOrDefault(match) is { } earlier)
                return earlier;
        while (true)
        {
            var call = await arrivals.Reader.ReadAsync(cts.Token);
            lock (seen)
                seen.Add(call);
            if (match(call))
                return call;
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var raw = new MemoryStream();
        await http.Request.Body.CopyToAsync(raw);
        var bytes = raw.ToArray();
        var body = Encoding.UTF8.GetString(bytes);
        var call = new ProviderCall(http.Request.Method, http.Request.Path + http.Request.QueryString, body,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)) { Aborted = http.RequestAborted, BodyBytes = bytes };
        Calls.Enqueue(call);
        var answer = failures.TryDequeue(out var failure) ? failure : await Respond(call);
        arrivals.Writer.TryWrite(call);
        http.Response.StatusCode = answer.Status;
        http.Response.ContentType = answer.ContentType;
        await http.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Omnichannel.Hub.Tests.Alerts;

/// <summary>A push message as the fake push service received, checked and decrypted it.</summary>
public sealed record ReceivedPush(string Subscription, IReadOnlyDictionary<string, string> Headers, string VapidKey, JsonElement Jwt, string Payload)
{
    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
}

/// <summary>
/// A Web Push service (RFC 8030) on loopback. Each <see cref="Subscribe"/> is a browser: its own P-256 key pair and auth
/// secret. A POST is accepted (201) only with a valid VAPID header (RFC 8292: <c>vapid t=JWT, k=key</c>, ES256-signed by k,
/// aud = this origin) and an aes128gcm body (RFC 8188/8291) that decrypts with the subscription's keys; anything else is
/// answered 400/401 and recorded in <see cref="Rejections"/>.
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (ECDiffieHellman Key, byte[] Public, byte[] Auth)> browsers = new();
    private readonly Channel<ReceivedPush> arrivals = Channel.CreateUnbounded<ReceivedPush>();
    private readonly List<ReceivedPush> seen = [];

    public Uri BaseAddress { get; }
    public ConcurrentQueue<ReceivedPush> Received { get; } = new();
    public ConcurrentQueue<string> Rejections { get; } = new();

    public FakePushService()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/push/{name}", HandleAsync);
        app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(app.Urls.First());
    }

    /// <summary>A new browser subscription: what PushSubscription.toJSON() gives the console.</summary>
    public object Subscribe(string name)
    {
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(false);
        byte[] pub = [0x04, .. p.Q.X!, .. p.Q.Y!];
        var auth = RandomNumberGenerator.GetBytes(16);
        browsers[name] = (key, pub, auth);
        return new { endpoint = Endpoint(name), expirationTime = (long?)null, keys = new { p256dh = WebEncoders.Base64UrlEncode(pub), auth = WebEncoders.Base64UrlEncode(auth) } };
    }

    public string Endpoint(string name) => new Uri(BaseAddress, $"/push/{name}").ToString();

    public async Task<ReceivedPush> WaitAsync(Func<ReceivedPush, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        lock (seen)
            if (seen.FirstOrDefault(match) is { } earlier)
                return earlier;
        while (true)
        {
            ReceivedPush push;
            try
            {
                push = await arrivals.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching push arrived; rejected: [{string.Join("; ", Rejections)}]");
            }
            lock (seen)
                seen.Add(push);
            if (match(push))
                return push;
        }
    }

    private async Task<IResult> HandleAsync(string name, HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        try
        {
            if (!browsers.TryGetValue(name, out var browser))
                return Results.NotFound();
            var (vapidKey, jwt) = CheckVapid(headers.GetValueOrDefault("Authorization") ?? "");
            if (headers.GetValueOrDefault("Content-Encoding") != "aes128gcm")
                throw new InvalidDataException("Content-Encoding must be aes128gcm");
            if (!int.TryParse(headers.GetValueOrDefault("TTL"), out _))
                throw new InvalidDataException("TTL header missing");
            var payload = Decrypt(buffer.ToArray(), browser.Key, browser.Public, browser.Auth);
            var push = new ReceivedPush(name, headers, vapidKey, jwt, payload);
            Received.Enqueue(push);
            arrivals.Writer.TryWrite(push);
            return Results.Created($"/messages/{Guid.NewGuid():N}", null);
        }
        catch (Exception ex) when (ex is InvalidDataException or CryptographicException or FormatException or JsonException)
        {
            Rejections.Enqueue($"{name}: {ex.Message}");
            return Results.BadRequest(ex.Message);
        }
    }

    /// <summary>RFC 8292: Authorization: vapid t=&lt;JWT&gt;, k=&lt;public key&gt;; the JWT is ES256 over header.claims, signed by k.</summary>
    private (string Key, JsonElement Claims) CheckVapid(string authorization)
    {
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
            throw new InvalidDataException($"Authorization is not the vapid scheme: '{authorization}'");
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var token = parameters["t"];
        var key = WebEncoders.Base64UrlDecode(parameters["k"]);
        if (key.Length != 65 || key[0] != 0x04)
            throw new InvalidDataException("k is not an uncompressed P-256 point");
        var parts = token.Split('.');
        var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[0])).RootElement;
        if (header.GetProperty("alg").GetString() != "ES256")
            throw new InvalidDataException("JWT alg must be ES256");
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = key[1..33], Y = key[33..] } });
        if (!ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), WebEncoders.Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256))
            throw new InvalidDataException("JWT signature does not verify with k");
        var claims = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1])).RootElement;
        // Lib.Net.Http.WebPush writes aud as scheme://host (no port): the same origin on real push services (port 443).
        if (claims.GetProperty("aud").GetString()?.TrimEnd('/') is not { } aud
            || (aud != BaseAddress.GetLeftPart(UriPartial.Authority) && aud != $"{BaseAddress.Scheme}://{BaseAddress.Host}"))
            throw new InvalidDataException($"JWT aud {claims.GetProperty("aud")} is not this push service's origin {BaseAddress}");
        if (!claims.TryGetProperty("exp", out _) || !claims.TryGetProperty("sub", out _))
            throw new InvalidDataException("JWT needs exp and sub");
        return (parameters["k"], claims);
    }

    /// <summary>RFC 8291 / RFC 8188: salt(16) rs(4) idlen(1) keyid(as_public) then one AES-128-GCM record.</summary>
    private static string Decrypt(byte[] body, ECDiffieHellman uaKey, byte[] uaPublic, byte[] auth)
    {
        if (body.Length < 21 + 65 + 17)
            throw new InvalidDataException("body too short for aes128gcm");
        var salt = body[..16];
        var idLength = body[20];
        var asPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        using var asKey = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = asPublic[1..33], Y = asPublic[33..] } });
        var ecdhSecret = uaKey.DeriveRawSecretAgreement(asKey.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. uaPublic, .. asPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, auth, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());
        var plain = new byte[record.Length - 16];
        using (var gcm = new AesGcm(cek, 16))
            gcm.Decrypt(nonce, record[..^16], record[^16..], plain);
        var end = Array.FindLastIndex(plain, b => b != 0);
        if (end < 0 || plain[end] != 0x02)
            throw new InvalidDataException("last record must end with the 0x02 padding delimiter");
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var b in browsers.Values)
            b.Key.Dispose();
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Alerts;

/// <summary>
/// The hub's VAPID key pair (P-256): created at first start and kept in the keys folder, so subscriptions made
/// against its public key keep working across restarts. Public key: the uncompressed point, base64url (65 bytes).
/// </summary>
public sealed class VapidKeys
{
    public string PublicKey { get; }
    public string PrivateKey { get; }

    public VapidKeys(IOptions<AlertOptions> alerts, IOptions<StorageOptions> storage, IWebHostEnvironment environment, ILogger<VapidKeys> logger)
    {
        var path = alerts.Value.VapidKeysPath is { Length: > 0 } configured ? configured : Path.Combine(storage.Value.KeysDirectory, "vapid.json");
        if (!Path.IsPathRooted(path))
            path = Path.Combine(environment.ContentRootPath, path);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path))!;
            (PublicKey, PrivateKey) = (stored.PublicKey, stored.PrivateKey);
            return;
        }
        (PublicKey, PrivateKey) = Create();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new Stored(PublicKey, PrivateKey)));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger.LogInformation("Created the Web Push (VAPID) key pair in {Path}", path);
    }

    public static (string PublicKey, string PrivateKey) Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return (WebEncoders.Base64UrlEncode([0x04, .. p.Q.X!, .. p.Q.Y!]), WebEncoders.Base64UrlEncode(p.D!));
    }

    private sealed record Stored(string PublicKey, string PrivateKey);
}

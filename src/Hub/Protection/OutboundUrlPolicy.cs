using System.Net;
using System.Net.Sockets;

namespace Omnichannel.Hub.Protection;

/// <summary>Bound from <c>OutboundUrls</c>: where the hub may send requests on someone's behalf (Web Push endpoints).</summary>
public sealed class OutboundUrlOptions
{
    public const string Section = "OutboundUrls";

    /// <summary>The push services browsers subscribe with (host or parent domain). Empty: any public https host.</summary>
    public List<string> PushServiceHosts { get; set; } =
        ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com"];

    /// <summary>Test rigs only: loopback push services over http (never private or link-local ranges).</summary>
    public bool AllowLoopback { get; set; }
}

/// <summary>
/// Pure rules against server-side request forgery: a URL given by a user (a browser's push subscription) must be https
/// to an allowed public host, and at connect time every address the name resolves to is checked, so a public-looking
/// name that resolves to loopback, private or link-local addresses (or re-binds to them later) is never reached.
/// </summary>
public static class OutboundUrlPolicy
{
    /// <summary>Null when <paramref name="url"/> may be stored as a push endpoint, else why not.</summary>
    public static string? PushEndpointRefusal(Uri url, OutboundUrlOptions options)
    {
        var loopbackTest = options.AllowLoopback && url.IsLoopback;
        if (url.Scheme != Uri.UriSchemeHttps && !loopbackTest)
            return "endpoint must be https.";
        if (IPAddress.TryParse(url.IdnHost, out var literal) && !IsPublic(literal) && !loopbackTest)
            return "endpoint must be a public address.";
        if (!loopbackTest && options.PushServiceHosts.Count > 0 && !options.PushServiceHosts.Any(h => HostMatches(url.IdnHost, h)))
            return $"endpoint must be a known push service ({string.Join(", ", options.PushServiceHosts)}).";
        return null;
    }

    public static bool HostMatches(string host, string allowed) =>
        host.Equals(allowed, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + allowed, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for globally routable unicast addresses; false for loopback, private (RFC 1918, fc00::/7),
    /// link-local (169.254/16, fe80::/10), CGNAT, "this network", benchmark, multicast, reserved and their IPv4-mapped forms.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                     || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                     || (b[0] == 198 && b[1] is 18 or 19)
                     || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                     || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                     || (b[0] & 0xFE) == 0xFC                               // fc00::/7 unique local
                     || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
                     || b.Take(12).All(x => x == 0));                      // ::/96 (IPv4-compatible, unspecified)
        }
        return false;
    }

    /// <summary>A socket connect that only reaches allowed addresses of the name (checked after DNS, before connecting).</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> GuardedConnect(Func<OutboundUrlOptions> options) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowLoopback = options().AllowLoopback;
            var allowed = addresses.Where(a => IsPublic(a) || (allowLoopback && IPAddress.IsLoopback(a))).ToList();
            if (allowed.Count == 0 || allowed.Count != addresses.Length)
                throw new HttpRequestException($"The outbound URL policy refused {host}: it resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not only public addresses.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}

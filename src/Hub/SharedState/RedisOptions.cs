using StackExchange.Redis;

namespace Omnichannel.Hub.SharedState;

/// <summary>Bound from <c>Redis</c>. Empty connection string: one process, shared state in memory.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration, e.g. <c>redis.internal:6379,password=…</c>. Set it on every node of a cluster.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every key and SignalR channel, so several hub clusters can share one Redis.</summary>
    public string Prefix { get; set; } = "omnichannel";

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>Names keys under <see cref="RedisOptions.Prefix"/>.</summary>
public sealed class RedisKeys(string prefix)
{
    public RedisKey Key(string name) => $"{prefix}:{name}";
}

/// <summary>Bound from <c>Presence</c>.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    /// <summary>How long a console connection's lease lasts without renewal: a node that died releases its operators after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node renews the leases of the consoles connected to it and claims expired ones.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);
}

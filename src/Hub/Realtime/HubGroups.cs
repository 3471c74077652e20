using System.Globalization;

namespace Omnichannel.Hub.Realtime;

/// <summary>The one place SignalR group names are built.</summary>
public static class HubGroups
{
    /// <summary>Every logged-in operator: the shared queue and conversation changes.</summary>
    public const string Operators = "operators";

    public const string Supervisors = "supervisors";

    public static string Operator(long operatorId) => "operator:" + operatorId.ToString(CultureInfo.InvariantCulture);

    /// <summary>All open widgets (tabs, devices) of one visitor.</summary>
    public static string Visitor(string visitorId) => "visitor:" + visitorId;
}

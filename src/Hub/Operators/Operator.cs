namespace Omnichannel.Hub.Operators;

public enum Presence
{
    Offline,
    Away,
    Available,
}

/// <summary>A person who answers conversations in the console. Roles: operator, supervisor, admin.</summary>
public sealed class Operator
{
    public long Id { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = Roles.Operator;
    public Presence Presence { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Concurrent live chats (web chat) this operator takes.</summary>
    public int LiveCapacity { get; set; } = 3;

    /// <summary>Concurrent asynchronous conversations (WhatsApp, Messenger, Telegram, SMS, email).</summary>
    public int AsyncCapacity { get; set; } = 8;

    /// <summary>Offers are accepted automatically (no click needed).</summary>
    public bool AutoAccept { get; set; }

    /// <summary>Skills such as languages or product lines, matched against a conversation's required skills.</summary>
    public List<string> Skills { get; set; } = [];

    /// <summary>When the operator last got a conversation; the router prefers whoever waited longest.</summary>
    public DateTime? LastAssignedAt { get; set; }

    /// <summary>Languages the operator answers in (e.g. "en", "nl"); matched like skills against a conversation's needs.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>The console's language for this operator ("en", "nl").</summary>
    public string Locale { get; set; } = "en";

    /// <summary>A disabled operator cannot log in, gets nothing routed, and their open conversations went back to the queue.</summary>
    public bool Disabled { get; set; }

    /// <summary>Live (web chat) conversations assigned to this operator or offered to them (pending) right now. Kept by
    /// the database itself — triggers on Conversations and Offers (migration OperatorLoad), so every path that assigns,
    /// offers, answers, closes, moves or deletes counts — and never written by the hub: routing reads an operator's load
    /// from their row, not by counting their conversations (a count that grew with their backlog, issue 18).</summary>
    public int LiveLoad { get; private set; }

    /// <summary><see cref="LiveLoad"/> for the asynchronous channels (every channel but web chat).</summary>
    public int AsyncLoad { get; private set; }

    /// <summary>Bumped (conditionally) by every routing decision that adds to this operator's load, and by capacity
    /// changes: a decision taken on an older version is refused and taken again (optimistic, no lock).</summary>
    public long RoutingVersion { get; set; }
}

public static class Roles
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    /// <summary>Read-only analytics (a shop manager): reports and the boards, never answers a customer or changes a setting.</summary>
    public const string Analyst = "analyst";

    public static bool IsKnown(string role) => role is Operator or Supervisor or Admin or Analyst;

    /// <summary>Roles are ranked: an admin is also a supervisor and an operator; both read the reports like an analyst.
    /// An analyst is not an operator.</summary>
    public static IEnumerable<string> Implied(string role) => role switch
    {
        Admin => [Admin, Supervisor, Operator, Analyst],
        Supervisor => [Supervisor, Operator, Analyst],
        Analyst => [Analyst],
        _ => [Operator],
    };
}

using System.Globalization;

namespace Omnichannel.Hub.Routing;

/// <summary>The widget state's words in one language (en, nl, de, fr). Operator-configured texts come from options.</summary>
public sealed record WidgetCopy(
    string Available, string Busy, string NobodyOnline, string Closed, string Elsewhere,
    string Within, string Day, string Days, string Opens, string Seconds, string Minutes, string OpenChat, string Dismiss, string Title, string Greeting)
{
    public static readonly IReadOnlyDictionary<string, WidgetCopy> Catalogue = new Dictionary<string, WidgetCopy>
    {
        ["en"] = new("We're here — a person answers within {0}.",
            "All our people are helping other customers right now, so live chat would keep you waiting.",
            "Nobody is online to chat right now.",
            "Live chat is closed right now.",
            " You can also reach us on {0}.", "answer within {0}", "day", "days", "Opens {0}", "seconds", "minutes", "Open chat", "Dismiss", "Chat with us", "Hi! Ask us anything — a person answers within 30 seconds."),
        ["nl"] = new("We zijn er — binnen {0} antwoordt een mens.",
            "Al onze medewerkers helpen nu andere klanten; met live chat zou u moeten wachten.",
            "Er is nu niemand online om te chatten.",
            "De live chat is nu gesloten.",
            " U kunt ons ook bereiken via {0}.", "antwoord binnen {0}", "dag", "dagen", "Opent {0}", "seconden", "minuten", "Chat openen", "Sluiten", "Chat met ons", "Hallo! Vraag ons wat u wilt — binnen 30 seconden antwoordt een mens."),
        ["de"] = new("Wir sind da — ein Mensch antwortet innerhalb von {0}.",
            "Alle Mitarbeitenden helfen gerade anderen Kunden; im Live-Chat müssten Sie warten.",
            "Gerade ist niemand online, um zu chatten.",
            "Der Live-Chat ist gerade geschlossen.",
            " Sie erreichen uns auch über {0}.", "Antwort innerhalb von {0}", "Tag", "Tagen", "Öffnet {0}", "Sekunden", "Minuten", "Chat öffnen", "Schließen", "Chatten Sie mit uns", "Hallo! Fragen Sie uns alles — ein Mensch antwortet innerhalb von 30 Sekunden."),
        ["fr"] = new("Nous sommes là — une personne répond en moins de {0}.",
            "Toute notre équipe aide d'autres clients en ce moment ; le chat en direct vous ferait attendre.",
            "Personne n'est en ligne pour discuter pour le moment.",
            "Le chat en direct est fermé pour le moment.",
            " Vous pouvez aussi nous joindre via {0}.", "réponse sous {0}", "jour", "jours", "Ouvre {0}", "secondes", "minutes", "Ouvrir le chat", "Fermer", "Discutez avec nous", "Bonjour ! Posez-nous vos questions — une personne répond en moins de 30 secondes."),
    };

    /// <summary>"nl-BE" → "nl"; anything unknown, empty or malformed → "en".</summary>
    public static string Language(string? requested)
    {
        var primary = (requested ?? "").Split(',', ';')[0].Split('-', '_')[0].Trim().ToLowerInvariant();
        return Catalogue.ContainsKey(primary) ? primary : "en";
    }

    public static WidgetCopy For(string? language) => Catalogue[Language(language)];

    public static CultureInfo Culture(string? language) => CultureInfo.GetCultureInfo(Language(language));

    /// <summary>"5 min", "30 s", "1 day" / "1 dag" / "1 Tag".</summary>
    public string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => $"{span.TotalDays:0} {(span.TotalDays >= 2 ? Days : Day)}",
        { TotalHours: >= 1 } => $"{span.TotalHours:0} h",
        { TotalMinutes: >= 1 } => $"{span.TotalMinutes:0} min",
        _ => $"{span.TotalSeconds:0} s",
    };

    /// <summary>"30 seconds", "2 minutes": for sentences.</summary>
    public string Spelled(TimeSpan span) => span.TotalSeconds < 120 ? $"{span.TotalSeconds:0} {Seconds}" : span.TotalMinutes < 120 ? $"{span.TotalMinutes:0} {Minutes}" : Duration(span);

    public string Promise(TimeSpan promise) => string.Format(CultureInfo.InvariantCulture, Within, Duration(promise));

    public string Message(WidgetAvailability state, bool nobodyOnline, TimeSpan promise, IReadOnlyList<AlternativeChannel> alternatives)
    {
        var elsewhere = alternatives.Count == 0 ? "" : string.Format(CultureInfo.InvariantCulture, Elsewhere, string.Join(", ", alternatives.Select(a => $"{a.Label} ({a.Promise})")));
        return state switch
        {
            WidgetAvailability.Available => string.Format(CultureInfo.InvariantCulture, Available, Spelled(promise)),
            WidgetAvailability.Busy when nobodyOnline => NobodyOnline + elsewhere,
            WidgetAvailability.Busy => Busy + elsewhere,
            _ => Closed + elsewhere,
        };
    }

    /// <summary>"Opens Mon 09:00 CET": the shop's local time, with its time zone named.</summary>
    public string OpensAt(DateTime utc, TimeZoneInfo zone, string zoneLabel, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return string.Format(CultureInfo.InvariantCulture, Opens, $"{culture.DateTimeFormat.GetAbbreviatedDayName(local.DayOfWeek)} {local:HH:mm} {zoneLabel}");
    }

    /// <summary>"CET" when configured, "UTC", else the zone's offset at that moment: "UTC+01:00".</summary>
    public static string ZoneLabel(TimeZoneInfo zone, string? configured, DateTime utc)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Trim();
        var offset = zone.GetUtcOffset(utc);
        return offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}";
    }
}

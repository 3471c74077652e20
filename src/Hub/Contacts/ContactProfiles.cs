using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Labels;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Contacts;

/// <summary>Reads the customer panel: one query per part, bounded (the trail and the history are capped).</summary>
public sealed class ContactProfiles(OmnichannelDb db, LiveVisitors live)
{
    public const int TrailLength = 20;

    public async Task<ContactProfileDto?> ForConversationAsync(long conversationId, CancellationToken cancellationToken, Teams.ConversationScope? scope = null)
    {
        var c = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.ContactId, c.Channel, c.ContactHandle, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (c is null)
            return null;
        var profile = await ForContactAsync(c.ContactId, cancellationToken, scope);
        return profile is null || c.Channel != ChannelKind.WebChat
            ? profile
            : profile with { Greeting = await GreetingAsync(c.ContactHandle, c.CreatedAt, cancellationToken) };
    }

    /// <param name="scope">Which of the contact's conversations the reader may see (null: all of them).</param>
    public async Task<ContactProfileDto?> ForContactAsync(long contactId, CancellationToken cancellationToken, Teams.ConversationScope? scope = null)
    {
        var contact = await db.Contacts.AsNoTracking().Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == contactId, cancellationToken);
        if (contact is null)
            return null;
        var labelIds = await db.Set<ContactLabel>().Where(l => l.ContactId == contactId).Select(l => l.LabelId).ToListAsync(cancellationToken);
        var labels = await db.Set<Label>().AsNoTracking().Where(l => labelIds.Contains(l.Id)).OrderBy(l => l.Name)
            .Select(l => new LabelDto(l.Id, l.Name, l.Color)).ToListAsync(cancellationToken);
        var conversations = await db.Conversations.AsNoTracking().Where(c => c.ContactId == contactId)
            .Where((scope ?? Teams.ConversationScope.All).Predicate())
            .OrderByDescending(c => c.LastMessageAt).Take(100)
            .Select(c => new EarlierConversationDto(c.Id, c.Channel, c.State, c.CreatedAt, c.LastMessageAt, c.LastMessagePreview, c.AssignedOperatorId))
            .ToListAsync(cancellationToken);
        var conversationIds = conversations.Select(c => c.Id).ToList();
        var csat = await db.CsatSurveys.AsNoTracking().Where(s => conversationIds.Contains(s.ConversationId) && s.Score != null)
            .OrderByDescending(s => s.AnsweredAt).Take(20)
            .Select(s => new CsatGivenDto(s.ConversationId, s.Score!.Value, s.Comment, s.AnsweredAt!.Value)).ToListAsync(cancellationToken);
        var web = new List<WebSignalsDto>();
        foreach (var visitor in contact.Identities.Where(i => i.Channel == ChannelKind.WebChat).Select(i => i.Handle))
            if (await WebAsync(visitor, cancellationToken) is { } signals)
                web.Add(signals);
        return new ContactProfileDto(
            contact.Id, contact.DisplayName, contact.Email, contact.Phone, contact.About, contact.CreatedAt,
            [.. contact.Identities.OrderBy(i => i.Channel).Select(i => new IdentityDto(i.Id, i.Channel, i.Handle, i.Verified))],
            labels, conversations, web, csat, null, contact.MergedIntoContactId);
    }

    private async Task<WebSignalsDto?> WebAsync(string visitorId, CancellationToken cancellationToken)
    {
        var profile = await db.VisitorProfiles.AsNoTracking().FirstOrDefaultAsync(v => v.VisitorId == visitorId, cancellationToken);
        if (profile is null)
            return null;
        var trail = await db.Set<VisitorPageView>().AsNoTracking().Where(v => v.VisitorId == visitorId)
            .OrderByDescending(v => v.Id).Take(TrailLength).Select(v => new PageViewDto(v.Path, v.Title, v.At)).ToListAsync(cancellationToken);
        var now = live.Find(visitorId);
        var (browser, device) = UserAgents.Describe(profile.UserAgent);
        return new WebSignalsDto(visitorId, now?.Path ?? trail.FirstOrDefault()?.Path, trail, profile.CartValue, profile.Visits, profile.FirstSeen, profile.LastSeen,
            profile.Language, browser, device, profile.Identity, now is not null);
    }

    /// <summary>The greeting the visitor accepted within the hour before the chat started (as the CSAT-per-rule report counts it).</summary>
    private async Task<GreetingContextDto?> GreetingAsync(string visitorId, DateTime chatStarted, CancellationToken cancellationToken)
    {
        var from = chatStarted.AddHours(-1);
        var to = chatStarted.AddMinutes(1);
        var accepted = await db.EngagementEvents.AsNoTracking()
            .Where(e => e.VisitorId == visitorId && e.Kind == EngagementEventKind.Accepted && e.At >= from && e.At <= to)
            .OrderByDescending(e => e.At).FirstOrDefaultAsync(cancellationToken);
        if (accepted is null)
            return null;
        var rule = await db.EngagementRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == accepted.RuleId, cancellationToken);
        var language = await db.VisitorProfiles.AsNoTracking().Where(v => v.VisitorId == visitorId).Select(v => v.Language).FirstOrDefaultAsync(cancellationToken);
        return rule is null ? null : new GreetingContextDto(rule.Id, rule.Name, rule.GreetingFor(language), accepted.At);
    }
}

using System.Text;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Csat;
using Omnichannel.Hub.Sla;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Reports;

/// <summary>
/// One definition of each <see cref="ReportFilter"/> dimension, applied to every table a report counts from. The range,
/// channel and operator are columns of each table; team and page group are facts of the conversation:
/// <list type="bullet">
/// <item>team: the conversation was routed to the team, or is held by one of its members;</item>
/// <item>page group: a web chat whose visitor's last page view before it opened matches the glob (case-insensitive).</item>
/// </list>
/// </summary>
public sealed class ReportScope(OmnichannelDb db)
{
    public IQueryable<Conversation> Conversations(ReportFilter f)
    {
        var q = db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= f.From && c.CreatedAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(c => c.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(c => c.AssignedOperatorId == op);
        return Belonging(q, f);
    }

    public IQueryable<SlaMeasurement> Measurements(ReportFilter f)
    {
        var q = db.SlaMeasurements.AsNoTracking().Where(m => m.StartedAt >= f.From && m.StartedAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(m => m.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(m => m.OperatorId == op);
        return Dimensions(f) is { } within ? q.Where(m => within.Any(c => c.Id == m.ConversationId)) : q;
    }

    public IQueryable<Breach> Breaches(ReportFilter f)
    {
        var q = db.Breaches.AsNoTracking().Where(b => b.StartedAt >= f.From && b.StartedAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(b => b.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(b => b.OperatorId == op);
        return Dimensions(f) is { } within ? q.Where(b => within.Any(c => c.Id == b.ConversationId)) : q;
    }

    /// <summary>Answered surveys sent in the range.</summary>
    public IQueryable<CsatSurvey> Ratings(ReportFilter f)
    {
        var q = db.CsatSurveys.AsNoTracking().Where(s => s.Score != null && s.SentAt >= f.From && s.SentAt < f.To);
        if (f.Channel is { } channel)
            q = q.Where(s => s.Channel == channel);
        if (f.OperatorId is { } op)
            q = q.Where(s => s.OperatorId == op);
        return Dimensions(f) is { } within ? q.Where(s => within.Any(c => c.Id == s.ConversationId)) : q;
    }

    /// <summary>The conversations of the filter's team and page group (any time), or null when neither is set.</summary>
    public IQueryable<Conversation>? Dimensions(ReportFilter f) =>
        f.TeamId is null && f.PageGroup is null ? null : Belonging(db.Conversations.AsNoTracking(), f);

    private IQueryable<Conversation> Belonging(IQueryable<Conversation> q, ReportFilter f)
    {
        if (f.TeamId is { } team)
            q = q.Where(c => c.RequiredTeamId == team || db.TeamMembers.Any(m => m.TeamId == team && m.OperatorId == c.AssignedOperatorId));
        if (f.PageGroup is { } glob)
        {
            var pattern = LikePattern(glob);
            q = q.Where(c => c.Channel == ChannelKind.WebChat && EF.Functions.Like(
                db.Set<Targeting.VisitorPageView>().Where(v => v.VisitorId == c.ContactHandle && v.At <= c.CreatedAt).OrderByDescending(v => v.Id)
                    .Select(v => v.Path.ToLower()).FirstOrDefault(), pattern, "\\"));
        }
        return q;
    }

    /// <summary>Pure: a page glob ("*" any run of characters, the rest literal) as a lower-case LIKE pattern with "\" escapes.</summary>
    public static string LikePattern(string glob)
    {
        var like = new StringBuilder(glob.Length + 4);
        foreach (var ch in glob.ToLowerInvariant())
            like.Append(ch switch { '*' => "%", '%' => "\\%", '_' => "\\_", '\\' => "\\\\", _ => ch.ToString() });
        return like.ToString();
    }
}

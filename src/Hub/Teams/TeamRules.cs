using Microsoft.EntityFrameworkCore;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Targeting;

namespace Omnichannel.Hub.Teams;

/// <summary>Validates a team request and applies it to the (tracked) team only when all of it is valid.</summary>
public static class TeamRules
{
    public static async Task<FieldErrors> ApplyAsync(Team team, TeamRequest request, OmnichannelDb db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = request.Name?.Trim() ?? "";
        errors.AddIf(name.Length == 0, "name", "A team needs a name.");
        errors.AddIf(name.Length > 100, "name", "The name is longer than 100 characters.");
        var lower = name.ToLowerInvariant();
        if (name.Length > 0 && await db.Teams.AnyAsync(t => t.Id != team.Id && t.Name.ToLower() == lower, cancellationToken))
            errors.Add("name", $"A team named '{name}' exists already.");
        var channels = request.Channels ?? [];
        foreach (var channel in channels)
            errors.AddIf(!Enum.TryParse<ChannelKind>(channel, ignoreCase: true, out var c) || !Enum.IsDefined(c) || char.IsDigit(channel[0]),
                "channels", $"'{channel}' is not a channel ({string.Join(", ", Enum.GetNames<ChannelKind>())}).");
        var skills = Skills.Normalize(request.Skills);
        errors.AddIf(skills.Count > 20 || skills.Any(s => s.Length > 40), "skills", "At most 20 skills of up to 40 characters.");
        var pages = request.PageGroups?.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList() ?? [];
        foreach (var page in pages)
            if (PageGlob.Invalid(page) is { } problem)
                errors.Add("pageGroups", $"'{page}': {problem}");
        var members = request.MemberIds?.Distinct().ToList() ?? [];
        var known = await db.Operators.Where(o => members.Contains(o.Id)).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var missing in members.Except(known))
            errors.Add("memberIds", $"Operator {missing} does not exist.");
        if (errors.Any)
            return errors;

        team.Name = name;
        team.Channels = [.. channels.Select(c => Enum.Parse<ChannelKind>(c, ignoreCase: true).ToString()).Distinct()];
        team.Skills = skills;
        team.PageGroups = pages;
        team.Members.RemoveAll(m => !members.Contains(m.OperatorId));
        foreach (var id in members.Where(id => team.Members.All(m => m.OperatorId != id)))
            team.Members.Add(new TeamMember { OperatorId = id });
        return errors;
    }
}

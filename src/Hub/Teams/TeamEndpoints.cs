using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Site;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Teams;

public static class TeamEndpoints
{
    public static void MapTeamApi(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup("/api/teams").WithTags("Teams");
        // Everyone sees the teams (to transfer to one); only admins change them.
        teams.MapGet("/", List).RequireAuthorization(Policies.Operator);
        teams.MapPost("/", Create).RequireAuthorization(Policies.Admin);
        teams.MapPut("/{id:long}", Update).RequireAuthorization(Policies.Admin);
        teams.MapDelete("/{id:long}", Delete).RequireAuthorization(Policies.Admin);
    }

    public static async Task<Ok<List<TeamDto>>> List(OmnichannelDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Teams.AsNoTracking().Include(t => t.Members).OrderBy(t => t.Name).ToListAsync(cancellationToken)).Select(TeamDto.From).ToList());

    public static async Task<Results<Created<TeamDto>, ValidationProblem>> Create(
        TeamRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var team = new Team { Name = "" };
        if (await TeamRules.ApplyAsync(team, request, db, cancellationToken) is { Any: true } errors)
            return errors.ToProblem();
        db.Teams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(http.User, "team.created", $"team {team.Id}", null, TeamDto.From(team));
        await db.SaveChangesAsync(cancellationToken);
        await changes.AnnounceAsync();
        return TypedResults.Created($"/api/teams/{team.Id}", TeamDto.From(team));
    }

    public static async Task<Results<Ok<TeamDto>, NotFound, ValidationProblem>> Update(
        long id, TeamRequest request, HttpContext http, OmnichannelDb db, AuditLog audit, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
            return TypedResults.NotFound();
        var before = TeamDto.From(team);
        if (await TeamRules.ApplyAsync(team, request, db, cancellationToken) is { Any: true } errors)
            return errors.ToProblem();
        audit.Record(http.User, "team.updated", $"team {team.Id}", before, TeamDto.From(team));
        await db.SaveChangesAsync(cancellationToken);
        await changes.AnnounceAsync();
        return TypedResults.Ok(TeamDto.From(team));
    }

    /// <summary>Routing rules that send conversations to the team are left without a team (they still set skills).</summary>
    public static async Task<Results<NoContent, NotFound>> Delete(long id, HttpContext http, OmnichannelDb db, AuditLog audit, Settings.ConfigChanges changes, CancellationToken cancellationToken)
    {
        var team = await db.Teams.Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
            return TypedResults.NotFound();
        audit.Record(http.User, "team.deleted", $"team {team.Id}", TeamDto.From(team), null);
        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
        await changes.AnnounceAsync();
        return TypedResults.NoContent();
    }
}

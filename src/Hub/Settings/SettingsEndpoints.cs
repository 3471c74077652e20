using Microsoft.AspNetCore.Http.HttpResults;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Routing;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Settings;

public static class SettingsEndpoints
{
    public static void MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var settings = app.MapGroup("/api/settings").WithTags("Settings");
        settings.MapGet("/sla", GetSla).RequireAuthorization(Policies.Supervisor);
        settings.MapPut("/sla", PutSla).RequireAuthorization(Policies.Admin);
        settings.MapGet("/opening-hours", GetOpeningHours).RequireAuthorization(Policies.Supervisor);
        settings.MapPut("/opening-hours", PutOpeningHours).RequireAuthorization(Policies.Admin);
    }

    public static Ok<SlaSettings> GetSla(HubSettings settings) => TypedResults.Ok(settings.CurrentSla());

    public static Ok<OpeningHoursSettings> GetOpeningHours(HubSettings settings) => TypedResults.Ok(settings.CurrentOpeningHours());

    /// <summary>Channels not in the request keep their targets. Valid in full or not saved at all (400 names each wrong field).</summary>
    public static async Task<Results<Ok<SlaSettings>, ValidationProblem>> PutSla(
        SlaSettingsRequest request, HttpContext http, HubSettings settings, OmnichannelDb db, AuditLog audit, ConfigChanges changes, CancellationToken cancellationToken)
    {
        var (sla, errors) = SettingsRules.Sla(request);
        if (sla is null)
            return errors.ToProblem();
        var before = settings.CurrentSla();
        var merged = new SlaSettings([.. before.Policies.Where(p => sla.Policies.All(n => n.Channel != p.Channel)).Concat(sla.Policies).OrderBy(p => p.Channel)]);
        await settings.StageAsync(HubSettings.SlaKey, merged, cancellationToken);
        audit.Record(http.User, "settings.sla.updated", "sla", before, merged);
        await db.SaveChangesAsync(cancellationToken);
        await settings.ApplyStoredAsync(cancellationToken);
        await changes.AnnounceAsync();
        return TypedResults.Ok(settings.CurrentSla());
    }

    public static async Task<Results<Ok<OpeningHoursSettings>, ValidationProblem>> PutOpeningHours(
        OpeningHoursRequest request, HttpContext http, HubSettings settings, OmnichannelDb db, AuditLog audit, WidgetStateService widget, ConfigChanges changes, CancellationToken cancellationToken)
    {
        var (opening, errors) = SettingsRules.OpeningHours(request);
        if (opening is null)
            return errors.ToProblem();
        var before = settings.CurrentOpeningHours();
        await settings.StageAsync(HubSettings.OpeningHoursKey, opening, cancellationToken);
        audit.Record(http.User, "settings.opening-hours.updated", "opening hours", before, opening);
        await db.SaveChangesAsync(cancellationToken);
        await settings.ApplyStoredAsync(cancellationToken);
        await changes.AnnounceAsync();
        // Open widgets learn at once whether chat is open now.
        await widget.RefreshAsync(cancellationToken);
        return TypedResults.Ok(settings.CurrentOpeningHours());
    }
}

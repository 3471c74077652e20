using System.Net.Http.Json;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Admin;

/// <summary>Helpers for tests that act as an admin through the API.</summary>
public static class AdminWorld
{
    public static async Task<OperatorSession> AdminAsync(this HubFactory hub) => await hub.LoginAsync(await hub.CreateOperatorAsync("Admin", Roles.Admin));

    public static async Task<List<AuditEntryDto>> AuditAsync(this OperatorSession admin, string? action = null) =>
        (await admin.Http.GetFromJsonAsync<List<AuditEntryDto>>($"/api/audit{(action is null ? "" : $"?action={action}")}", TestJson.Options))!;

    /// <summary>The field names of a 400 validation problem.</summary>
    public static async Task<string[]> FieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}

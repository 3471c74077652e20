using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

/// <summary>
/// Part of every operator policy: the account still exists, is not disabled, and its role as stored now (not as it
/// was at login) grants <see cref="Role"/>. A disabled or demoted operator loses access at once, token or not.
/// </summary>
/// <param name="Role">The role the account must grant; null: any role.</param>
public sealed record CurrentAccountRequirement(string? Role) : IAuthorizationRequirement;

/// <remarks>
/// ASP.NET Core builds every <see cref="IAuthorizationHandler"/> for every authorized request, the widget's WebSocket
/// included, and a request's scope lives as long as its WebSocket. So the database context is taken from the request's
/// services only when an operator requirement is checked: a widget connection does not hold a pooled context for hours.
/// </remarks>
public sealed class CurrentAccountHandler(IServiceProvider services) : AuthorizationHandler<CurrentAccountRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentAccountRequirement requirement)
    {
        if (!long.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var id))
            return;
        var db = services.GetRequiredService<OmnichannelDb>();
        var account = await db.Operators.AsNoTracking().Where(o => o.Id == id).Select(o => new { o.Role, o.Disabled }).FirstOrDefaultAsync();
        if (account is { Disabled: false } && (requirement.Role is null || Roles.Implied(account.Role).Contains(requirement.Role)))
            context.Succeed(requirement);
    }
}

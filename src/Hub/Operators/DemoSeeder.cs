using Omnichannel.Hub.Operators;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Storage;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

/// <summary>With <c>Demo:Enabled</c>, creates three demo accounts on first start (operator, supervisor, admin) and says who can do what.</summary>
public static class DemoSeeder
{
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (!demo.Enabled)
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
        await accounts.EnsureAsync(demo.OperatorEmail, "Olivia Operator", demo.Password, Roles.Operator, CancellationToken.None);
        await accounts.EnsureAsync(demo.SupervisorEmail, "Sam Supervisor", demo.Password, Roles.Supervisor, CancellationToken.None);
        await accounts.EnsureAsync(demo.AdminEmail, "Alex Admin", demo.Password, Roles.Admin, CancellationToken.None);
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(FirstSteps.Banner(demo, app.Urls.FirstOrDefault() ?? "http://localhost:5080")));
    }
}

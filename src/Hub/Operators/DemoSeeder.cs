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
        if (!demo.IsOn(app.Environment))
        {
            await FirstAdminSetup.PrintLinkIfNoAdminAsync(app);
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<OperatorAccounts>();
        // No password is known in advance: random unless configured, and shown only when the accounts are created.
        var password = string.IsNullOrEmpty(demo.Password) ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)) : demo.Password;
        var created = false;
        foreach (var (email, name, role) in new[]
                 {
                     (demo.OperatorEmail, "Olivia Operator", Roles.Operator),
                     (demo.SupervisorEmail, "Sam Supervisor", Roles.Supervisor),
                     (demo.AdminEmail, "Alex Admin", Roles.Admin),
                 })
            if (!await accounts.ExistsAsync(email, CancellationToken.None))
            {
                await accounts.CreateAsync(email, name, password, role, CancellationToken.None);
                created = true;
            }
        var shown = created ? password : "(printed when the accounts were created; set Demo:Password to choose one)";
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(FirstSteps.Banner(demo, shown, app.Urls.FirstOrDefault() ?? "http://localhost:5080")));
    }
}

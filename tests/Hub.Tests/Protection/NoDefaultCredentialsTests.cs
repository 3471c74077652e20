using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Protection;

/// <summary>Outside Development nothing has a known password: no demo accounts, and the first admin comes from a one-time link.</summary>
public sealed class NoDefaultCredentialsTests
{
    /// <summary>A hub started like a production deployment with the shipped appsettings.json (Demo not configured).</summary>
    private sealed class ProductionHub : HubFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Demo:Enabled", null);
        }
    }

    [Fact]
    public async Task AProductionStart_HasNoDemoAccounts_TheOldDemoPasswordDoesNotLogIn()
    {
        using var hub = new ProductionHub();
        var login = await hub.Http().PostAsJsonAsync("/api/auth/login", new { email = "supervisor@demo.local", password = "demo-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task TheOneTimeSetupLink_CreatesTheFirstAdminOnce_AndExpires()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var hub = new ProductionHub { Time = clock };
        var setup = hub.Provider.GetRequiredService<FirstAdminSetup>();
        var token = setup.Issue(); // what the start printed (a new issue replaces it)
        var http = hub.Http();
        var admin = new { token, email = "owner@shop.example", displayName = "Owner", password = "a-long-secret-password" };

        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/setup", admin with { token = "guess" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/setup", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/setup", admin with { email = "second@shop.example" })).StatusCode);
        var login = await http.PostAsJsonAsync("/api/auth/login", new { admin.email, admin.password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        var late = setup.Issue();
        clock.Advance(FirstAdminSetup.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False(setup.TrySpend(late));
    }
}

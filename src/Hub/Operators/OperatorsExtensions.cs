using Omnichannel.Hub.Operators;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Omnichannel.Hub.Audit;
using Omnichannel.Hub.Teams;

// Add…/Map… extensions live in the host's namespace, so Program.cs reads as a plain table of contents.
namespace Microsoft.AspNetCore.Builder;

public static class OperatorsExtensions
{
    public static WebApplicationBuilder AddOperators(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddScoped<OperatorAccounts>();
        builder.Services.AddSingleton<FirstAdminSetup>();
        builder.Services.AddSingleton<IPasswordHasher<Operator>, PasswordHasher<Operator>>();
        builder.Services.AddAuthentication(AuthSchemes.Operator).AddOperatorSchemes();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Operator, p => p.AddAuthenticationSchemes(AuthSchemes.Operator).RequireRole(Roles.Operator).AddRequirements(new CurrentAccountRequirement(Roles.Operator)))
            .AddPolicy(Policies.Supervisor, p => p.AddAuthenticationSchemes(AuthSchemes.Operator).RequireRole(Roles.Supervisor).AddRequirements(new CurrentAccountRequirement(Roles.Supervisor)))
            .AddPolicy(Policies.Reports, p => p.AddAuthenticationSchemes(AuthSchemes.Operator).RequireRole(Roles.Analyst).AddRequirements(new CurrentAccountRequirement(Roles.Analyst)))
            .AddPolicy(Policies.Account, p => p.AddAuthenticationSchemes(AuthSchemes.Operator).RequireAuthenticatedUser().AddRequirements(new CurrentAccountRequirement(null)))
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(AuthSchemes.Operator).RequireRole(Roles.Admin).AddRequirements(new CurrentAccountRequirement(Roles.Admin)));
        builder.Services.AddScoped<IAuthorizationHandler, CurrentAccountHandler>();
        builder.Services.AddScoped<AuditLog>();
        return builder;
    }

    public static WebApplication MapOperators(this WebApplication app)
    {
        app.MapAuth();
        app.MapOperatorAdmin();
        FirstAdminSetup.MapFirstAdminSetup(app);
        app.MapOperatorPeople();
        app.MapProfile();
        app.MapTeamApi();
        app.MapAuditApi();
        Omnichannel.Hub.Supervision.SupervisionEndpoints.MapSupervisionApi(app);
        return app;
    }
}

using Omnichannel.Hub.Targeting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Operators;
using Omnichannel.Hub.Storage;

namespace Microsoft.AspNetCore.Builder;

public static class EngagementDemoSeeder
{
    /// <summary>
    /// With Demo:Enabled and nothing configured yet: the demo shop's example rules — never on the payment page,
    /// and greet a visitor who hesitates on the cart page with a full cart.
    /// </summary>
    public static async Task SeedEngagementDemoAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.IsOn(app.Environment))
            return;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OmnichannelDb>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (!await db.PageRules.AnyAsync())
            db.PageRules.Add(new PageRule { Pattern = "/checkout/payment*", Exclude = true, UpdatedAt = now });
        if (!await db.EngagementRules.AnyAsync())
            db.EngagementRules.Add(new EngagementRule
            {
                Name = "Hesitating at the till",
                Pages = "/cart*",
                Threshold = 2,
                Conditions =
                [
                    new RuleCondition { Kind = ConditionKind.Dwell, Percentile = 60, Value = 20, Weight = 1 },
                    new RuleCondition { Kind = ConditionKind.CartValue, Value = 100, Weight = 1 },
                    new RuleCondition { Kind = ConditionKind.ExitIntent, Weight = 1 },
                ],
                Greeting = new() { ["en"] = "Anything we can help with before you check out?", ["nb"] = "Noe vi kan hjelpe med før du betaler?" },
                UpdatedAt = now,
            });
        await db.SaveChangesAsync();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;
using Omnichannel.Hub.Tests.Infrastructure;

namespace Omnichannel.Hub.Tests.Capacity;

/// <summary>The stored-value guard checks every text column a value could overflow, and skips only enums whose every stored name fits.</summary>
public sealed class StoredValueGuardTests(HubFactory hub) : IClassFixture<HubFactory>
{
    [Fact]
    public async Task TheColumnsItSkips_AreEnumsWhoseEveryStoredValueFits_AndEveryFreeTextIsChecked()
    {
        await using var scope = hub.Provider.CreateAsyncScope();
        var model = scope.ServiceProvider.GetRequiredService<OmnichannelDb>().Model;
        var properties = model.GetEntityTypes().SelectMany(t => t.GetProperties()).ToList();

        var skipped = properties.Where(StoredValueGuard.AlwaysFits).ToList();

        // The conversation's state, channel, SLA kind… are stored by name: skipped, each name converted as it is stored.
        Assert.Contains(skipped, p => p.DeclaringType.ClrType == typeof(Conversation) && p.Name == nameof(Conversation.State));
        foreach (var property in skipped)
        {
            var converter = property.GetTypeMapping().Converter!;
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            foreach (var value in Enum.GetValues(type))
                Assert.True(((string)converter.ConvertToProvider(value)!).Length <= (property.GetMaxLength() ?? int.MaxValue), $"{property.DeclaringType.ClrType.Name}.{property.Name} = {value}");
        }
        // Nothing typed by a person or a provider is skipped: every string column is still checked.
        Assert.DoesNotContain(skipped, p => p.ClrType == typeof(string));
        Assert.Contains(properties, p => p.DeclaringType.ClrType == typeof(Message) && p.Name == nameof(Message.Text) && !StoredValueGuard.AlwaysFits(p));
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Adapters.Abstractions;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Canned;

/// <summary>The values a canned response can use in one conversation: the contact, the operator, the shop's custom variables.</summary>
public sealed class CannedVariables(OmnichannelDb db, IOptions<CannedOptions> options)
{
    public async Task<Dictionary<string, string?>?> ForAsync(long conversationId, long operatorId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Id, c.ContactId, c.Contact!.DisplayName, c.Contact.Email, c.Contact.Phone, c.Contact.Identities })
            .FirstOrDefaultAsync(cancellationToken);
        if (conversation is null)
            return null;
        var op = await db.Operators.AsNoTracking().Where(o => o.Id == operatorId).Select(o => new { o.DisplayName, o.Email }).FirstAsync(cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["contact.name"] = conversation.DisplayName,
            ["contact.firstName"] = conversation.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            ["contact.email"] = conversation.Email ?? conversation.Identities.FirstOrDefault(i => i.Channel == ChannelKind.Email)?.Handle,
            ["contact.phone"] = conversation.Phone,
            ["operator.name"] = op.DisplayName,
            ["operator.firstName"] = op.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(),
            ["operator.email"] = op.Email,
            ["conversation.id"] = conversation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in options.Value.Variables)
            values["shop." + name] = value;
        return values;
    }
}

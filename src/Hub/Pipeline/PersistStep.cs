using Mediator;
using Omnichannel.Adapters.Abstractions;

namespace Omnichannel.Hub.Pipeline;

/// <summary>
/// Step 2: stores contact, conversation and message (committed together with whatever else arrived at the same
/// moment, see <see cref="InboundWriter"/>) before anything is acknowledged.
/// A concurrent duplicate that slipped past the dedupe step hits the unique index and is answered as a duplicate.
/// </summary>
public sealed class PersistStep(InboundWriter writer) : IPipelineBehavior<ReceiveMessage, InboundResult>
{
    public async ValueTask<InboundResult> Handle(ReceiveMessage command, MessageHandlerDelegate<ReceiveMessage, InboundResult> next, CancellationToken cancellationToken)
    {
        var outcome = await writer.PersistAsync(command.Inbound, cancellationToken);
        if (outcome.Duplicate is { } duplicate)
            return duplicate;
        command.Stored = outcome.Stored;
        return await next(command, cancellationToken);
    }
}

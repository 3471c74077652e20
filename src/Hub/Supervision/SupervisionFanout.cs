using Mediator;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Supervision;

/// <summary>A whisper goes to the operator holding the conversation and to the supervisors — never to the visitor's hub.</summary>
public sealed class SupervisionFanout(IHubContext<ConsoleHub, IConsoleClient> console) : INotificationHandler<Whispered>
{
    public async ValueTask Handle(Whispered notification, CancellationToken cancellationToken)
    {
        var whisper = notification.Whisper;
        var groups = whisper.ToOperatorId is { } to ? new[] { HubGroups.Operator(to), HubGroups.Supervisors } : [HubGroups.Supervisors];
        await console.Clients.Groups(groups).Whisper(whisper);
    }
}

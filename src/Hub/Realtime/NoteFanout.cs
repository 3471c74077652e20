using Mediator;
using Microsoft.AspNetCore.SignalR;
using Omnichannel.Hub.Notes;

namespace Omnichannel.Hub.Realtime;

/// <summary>Pushes internal notes to the console: the note to every operator, the mention to the one mentioned. Never to a visitor.</summary>
public sealed class NoteFanout(IHubContext<ConsoleHub, IConsoleClient> console)
    : INotificationHandler<NoteAdded>, INotificationHandler<OperatorMentioned>
{
    public async ValueTask Handle(NoteAdded notification, CancellationToken cancellationToken) =>
        await console.Clients.Group(HubGroups.Operators).NoteAdded(notification.Note);

    public async ValueTask Handle(OperatorMentioned notification, CancellationToken cancellationToken) =>
        await console.Clients.Group(HubGroups.Operator(notification.OperatorId)).Mentioned(notification.Mention);
}

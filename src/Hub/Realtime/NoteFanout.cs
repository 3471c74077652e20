using Mediator;
using Omnichannel.Hub.Notes;

namespace Omnichannel.Hub.Realtime;

/// <summary>Internal notes to the console: the note to every operator, the mention to the one mentioned. Never to a visitor.</summary>
public sealed class NoteFanout(ConsolePush console) : INotificationHandler<NoteAdded>, INotificationHandler<OperatorMentioned>
{
    public async ValueTask Handle(NoteAdded notification, CancellationToken cancellationToken) =>
        await console.NoteAdded(notification.Note);

    public async ValueTask Handle(OperatorMentioned notification, CancellationToken cancellationToken) =>
        await console.Mentioned(notification.OperatorId, notification.Mention);
}

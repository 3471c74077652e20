using Mediator;
using Omnichannel.Hub.Realtime;

namespace Omnichannel.Hub.Supervision;

/// <summary>A whisper is pushed to the console only (<see cref="ConsolePush.Whisper"/>); nothing reaches the visitor's hub.</summary>
public sealed class SupervisionFanout(ConsolePush console) : INotificationHandler<Whispered>
{
    public async ValueTask Handle(Whispered notification, CancellationToken cancellationToken) => await console.Whisper(notification.Whisper);
}

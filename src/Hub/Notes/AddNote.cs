using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Omnichannel.Hub.Conversations;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Notes;

/// <summary>An operator writes an internal note. It is stored beside the messages but is never a message: nothing sends it.</summary>
public sealed record AddNote(long ConversationId, long OperatorId, string? Text) : ICommand<Outcome<NoteDto>>;

public sealed class AddNoteHandler(OmnichannelDb db, IPublisher publisher, TimeProvider time, IOptions<NotesOptions> options)
    : ICommandHandler<AddNote, Outcome<NoteDto>>
{
    public async ValueTask<Outcome<NoteDto>> Handle(AddNote command, CancellationToken cancellationToken)
    {
        var text = command.Text?.Trim();
        if (string.IsNullOrEmpty(text))
            return Outcome<NoteDto>.Invalid("The note is empty.");
        if (text.Length > options.Value.MaxLength)
            return Outcome<NoteDto>.Invalid($"The note is {text.Length} characters long; a note may have at most {options.Value.MaxLength}.");
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.Id == command.ConversationId)
            .Select(c => new { c.Id, ContactName = c.Contact!.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (conversation is null)
            return Outcome<NoteDto>.NotFound($"Conversation {command.ConversationId} does not exist.");

        var operators = await db.Operators.AsNoTracking().Select(o => new Mentionable(o.Id, o.DisplayName, o.Email)).ToListAsync(cancellationToken);
        var author = operators.First(o => o.Id == command.OperatorId);
        var mentioned = Mentions.Find(text, operators.Where(o => o.Id != command.OperatorId));
        var note = new Note
        {
            ConversationId = conversation.Id,
            OperatorId = command.OperatorId,
            Text = text,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            Mentions = [.. mentioned.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        };
        db.Set<Note>().Add(note);
        await db.SaveChangesAsync(cancellationToken);

        var dto = NoteDto.From(note, author.DisplayName);
        await publisher.Publish(new NoteAdded(dto), cancellationToken);
        foreach (var id in mentioned)
            await publisher.Publish(new OperatorMentioned(id, new MentionDto(note.Id, conversation.Id, conversation.ContactName, author.Id, author.DisplayName, text)), cancellationToken);
        return Outcome<NoteDto>.Ok(dto);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Omnichannel.Hub.Storage;

namespace Omnichannel.Hub.Operators;

/// <summary>Creating operators and checking their passwords (ASP.NET Core Identity's hasher).</summary>
public sealed class OperatorAccounts(OmnichannelDb db, IPasswordHasher<Operator> hasher, TimeProvider time)
{
    public async Task<Operator?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Email == Normalize(email), cancellationToken);
        if (op is null)
        {
            // Spend the same effort as a real check so the response time does not reveal which emails exist.
            hasher.HashPassword(new Operator { Email = "", DisplayName = "" }, password);
            return null;
        }
        var result = hasher.VerifyHashedPassword(op, op.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
            return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            op.PasswordHash = hasher.HashPassword(op, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return op;
    }

    public async Task<Operator> CreateAsync(string email, string displayName, string password, string role, CancellationToken cancellationToken)
    {
        var op = new Operator { Email = Normalize(email), DisplayName = displayName.Trim(), Role = role, CreatedAt = time.GetUtcNow().UtcDateTime };
        op.PasswordHash = hasher.HashPassword(op, password);
        db.Operators.Add(op);
        await db.SaveChangesAsync(cancellationToken);
        return op;
    }

    public async Task<Operator> EnsureAsync(string email, string displayName, string password, string role, CancellationToken cancellationToken) =>
        await db.Operators.FirstOrDefaultAsync(o => o.Email == Normalize(email), cancellationToken)
        ?? await CreateAsync(email, displayName, password, role, cancellationToken);

    public Task<bool> ExistsAsync(string email, CancellationToken cancellationToken) =>
        db.Operators.AnyAsync(o => o.Email == Normalize(email), cancellationToken);

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}

using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Omnichannel.Adapters.BotFramework;

/// <summary>The bot's own access token for the Bot Connector (OAuth client credentials), cached until shortly
/// before it expires; a 401 from the connector drops it so the next send fetches a new one.</summary>
public sealed class BotConnectorTokens(IHttpClientFactory httpClients, IOptions<BotFrameworkOptions> options, TimeProvider time)
{
    public const string HttpClientName = "botframework";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (string Token, DateTimeOffset Until)? cached;

    /// <exception cref="BotConnectorTokenException">The token endpoint refused our app id / password.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (cached is { } c && time.GetUtcNow() < c.Until)
            return c.Token;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && time.GetUtcNow() < again.Until)
                return again.Token;
            var settings = options.Value;
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(settings.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings.AppId!,
                ["client_secret"] = settings.AppPassword!,
                ["scope"] = settings.Scope,
            }), cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new BotConnectorTokenException((int)response.StatusCode, $"The token endpoint answered {(int)response.StatusCode} to our app id and password.");
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken)
                ?? throw new BotConnectorTokenException(0, "The token endpoint answered without a token.");
            var lifetime = TimeSpan.FromSeconds(Math.Max(0, answer.ExpiresIn));
            cached = (answer.AccessToken, time.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2));
            return answer.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => cached = null;

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}

public sealed class BotConnectorTokenException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// There is no default password: on a first run (no accounts) the gateway prints a one-time link that creates the
/// administrator account. The token lives only in memory and works once.
/// </summary>
/// <param name="users">The account store.</param>
/// <param name="server">Tells the listening address.</param>
/// <param name="lifetime">Waits for the web server to start.</param>
/// <param name="logger">Logger.</param>
public sealed class FirstRunSetup(UserStore users, IServer server, IHostApplicationLifetime lifetime, ILogger<FirstRunSetup> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>
    /// Uses the token once.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <returns>true when it was the valid, unused token.</returns>
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (_token is null || token is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(token)))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }

    /// <summary>
    /// Tells whether a token is the current one, without using it.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <returns>true when valid.</returns>
    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return _token is not null && token is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(token));
        }
    }

    /// <summary>
    /// Creates a token now if there are no accounts (tests and the start-up path use this).
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The token, or null when accounts exist.</returns>
    public async Task<string?> IssueIfNoAccountsAsync(CancellationToken cancellationToken)
    {
        if (await users.CountAsync(cancellationToken) > 0)
        {
            return null;
        }

        lock (_gate)
        {
            _token ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            return _token;
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using CancellationTokenRegistration registration = lifetime.ApplicationStarted.Register(started.SetResult);
        await started.Task.WaitAsync(stoppingToken);
        string? token = await IssueIfNoAccountsAsync(stoppingToken);
        if (token is not null)
        {
            string address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            logger.LogWarning("No accounts yet. Create the administrator account with this one-time link: {Address}/setup?token={Token}", address, token);
        }
    }
}

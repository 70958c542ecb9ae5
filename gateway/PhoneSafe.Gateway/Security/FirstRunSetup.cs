using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PhoneSafe.Gateway.Infrastructure;

namespace PhoneSafe.Gateway.Security;

/// <summary>
/// There is no default password: on a first run (no accounts) the gateway prints a one-time link that creates the
/// administrator account. The token lives only in memory, expires after <see cref="TokenLifetime"/> (restart the
/// gateway for a new one) and is taken by one request at a time, so two posts cannot both create an administrator.
/// </summary>
/// <param name="users">The account store.</param>
/// <param name="server">Tells the listening address.</param>
/// <param name="lifetime">Waits for the web server to start.</param>
/// <param name="time">The clock (token expiry).</param>
/// <param name="logger">Logger.</param>
public sealed class FirstRunSetup(UserStore users, IServer server, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<FirstRunSetup> logger) : BackgroundService
{
    /// <summary>How long the first-run link works after it is printed.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>
    /// Takes the token for one request: until it is given back with <see cref="Return"/>, the link does not work.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <returns>true when it was the valid, unexpired token, now taken.</returns>
    public bool TryTake(string? token)
    {
        lock (_gate)
        {
            if (!Matches(token))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }

    /// <summary>
    /// Gives back a token taken by <see cref="TryTake"/> when the form had a mistake, so the link works again.
    /// </summary>
    /// <param name="token">The token taken.</param>
    public void Return(string token)
    {
        lock (_gate)
        {
            _token ??= token;
        }
    }

    /// <summary>
    /// Tells whether a token is the current one, without using it.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <returns>true when valid and unexpired.</returns>
    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return Matches(token);
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
            if (_token is null || time.GetUtcNow() >= _expires)
            {
                _token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                _expires = time.GetUtcNow() + TokenLifetime;
            }

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
            logger.LogWarning(
                "No accounts yet. Create the administrator account with this one-time link, which works for {Minutes} minutes (restart the gateway for a new one): {Address}/setup?token={Token}",
                TokenLifetime.TotalMinutes,
                address,
                token);
        }
    }

    private bool Matches(string? token) =>
        _token is not null && token is not null && time.GetUtcNow() < _expires
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(token));
}

using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The custody ledger: registered lockers, the append-only event log, custody derived from it, and quarantine.
/// </summary>
public interface ILedgerStore : ISchemaInitializer
{
    /// <summary>
    /// Registers a school with its credential key, or returns the key it already has.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="credentialKey">A new 32-byte key, used only when the school is new.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The school's credential key.</returns>
    Task<byte[]> EnsureSchoolAsync(string school, byte[] credentialKey, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a locker with its device key, or returns the key it already has.
    /// </summary>
    /// <param name="school">School identifier (registered).</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="deviceKey">A new 32-byte key, used only when the locker is new.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The locker's device key.</returns>
    Task<byte[]> EnsureLockerAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a registered locker a new device key (re-provisioning); messages signed with the old key are refused from then on.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="deviceKey">The new 32-byte key.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when the locker exists.</returns>
    Task<bool> ReplaceLockerKeyAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken);

    /// <summary>
    /// Lists every registered locker's key.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(school, locker, key) rows.</returns>
    Task<IReadOnlyList<(string School, string Locker, byte[] Key)>> GetLockerKeysAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits a batch in one transaction: new events, custody changes, statuses and quarantined messages.
    /// </summary>
    /// <param name="batch">Verified messages, in arrival order.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What was stored and the acknowledgement point of each locker touched.</returns>
    Task<CommitResult> CommitAsync(IReadOnlyList<VerifiedMessage> batch, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the phones in custody now.
    /// </summary>
    /// <param name="school">Only this school, or all when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One row per occupied compartment.</returns>
    Task<IReadOnlyList<CustodyItem>> GetCustodyAsync(string? school, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the most recent quarantined messages.
    /// </summary>
    /// <param name="school">Only messages on this school's topics; null for every message.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    Task<IReadOnlyList<QuarantinedMessage>> GetQuarantineAsync(string? school, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Counts the events stored for a locker.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>(events, distinct sequence numbers, lowest, highest).</returns>
    Task<(long Count, long Distinct, long Min, long Max)> GetEventSummaryAsync(string school, string locker, CancellationToken cancellationToken);

    /// <summary>
    /// Gets one locker's device key.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The key, or null when the locker is not registered or was revoked.</returns>
    Task<byte[]?> GetLockerKeyAsync(string school, string locker, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a locker (lost or stolen): from now on it has no key, so the broker refuses its account and the
    /// gateway its messages. Its past events stay in the ledger. There is no way back: a replacement is registered
    /// under a new locker identifier.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it was registered and not yet revoked.</returns>
    Task<bool> RevokeLockerAsync(string school, string locker, CancellationToken cancellationToken);
}

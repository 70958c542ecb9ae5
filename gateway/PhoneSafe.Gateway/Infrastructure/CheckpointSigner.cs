using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using PhoneSafe.Gateway.Infrastructure.Database;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Signs ledger checkpoints (the records that let the retention purge cut the oldest events) with a key only the
/// gateway holds: 32 random bytes in <see cref="KeyFileName"/> in the key directory (<c>StorageOptions:KeyDirectory</c>),
/// encrypted there with ASP.NET Core Data Protection, never in the database. The signature (HMAC-SHA256 over the
/// school, the chain position and the hash cut at) goes in the append-only <c>ledger_checkpoint_signatures</c> table.
/// Someone who can write the database but not read the key directory can still add a checkpoint row and then delete
/// the events before it, but cannot sign it: <see cref="LedgerVerifier"/> reports it. Someone with both can forge.
/// </summary>
public sealed class CheckpointSigner
{
    /// <summary>The key's file name in the key directory.</summary>
    public const string KeyFileName = "ledger-checkpoints.key";

    private readonly IDataProtector _protector;
    private readonly string _path;
    private readonly Lazy<byte[]> _key;

    /// <summary>
    /// Initializes a new instance of the <see cref="CheckpointSigner"/> class.
    /// </summary>
    /// <param name="provider">Data Protection, whose key ring is in <paramref name="keyDirectory"/>.</param>
    /// <param name="keyDirectory">The key directory (created by the gateway, readable by its account only).</param>
    public CheckpointSigner(IDataProtectionProvider provider, string keyDirectory)
    {
        _protector = provider.CreateProtector("PhoneSafe.LedgerCheckpoints.v1");
        _path = Path.Combine(keyDirectory, KeyFileName);
        _key = new Lazy<byte[]>(LoadOrCreateKey);
    }

    /// <summary>
    /// Signs a checkpoint.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="chainIndex">The last chain position the checkpoint covers.</param>
    /// <param name="chainHash">The chain hash at that position.</param>
    /// <returns>The signature, as lowercase hex.</returns>
    public string Sign(string school, long chainIndex, string chainHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{school}\n{chainIndex}\n{chainHash}"))));

    /// <summary>
    /// Checks a checkpoint's signature.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="chainIndex">The last chain position the checkpoint covers.</param>
    /// <param name="chainHash">The chain hash at that position.</param>
    /// <param name="signature">The stored signature.</param>
    /// <returns>true when this gateway's key made it.</returns>
    public bool Verify(string school, long chainIndex, string chainHash, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(school, chainIndex, chainHash)), Encoding.ASCII.GetBytes(signature));

    /// <summary>
    /// Signs a checkpoint inside the transaction that records it.
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction that inserted the checkpoint.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="chainIndex">The checkpoint's chain position.</param>
    /// <param name="signedUtc">When, as stored text.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task SignStoredAsync(DbConnection connection, DbTransaction transaction, string school, long chainIndex, string signedUtc, CancellationToken cancellationToken)
    {
        string chainHash;
        await using (DbCommand read = connection.Command(
            "SELECT chain_hash FROM ledger_checkpoints WHERE school = @school AND chain_index = @index", transaction, ("@school", school), ("@index", chainIndex)))
        {
            chainHash = (string)(await read.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException($"no checkpoint {school}/{chainIndex} to sign"));
        }

        await using DbCommand insert = connection.Command(
            "INSERT INTO ledger_checkpoint_signatures (school, chain_index, signature, signed_utc) VALUES (@school, @index, @signature, @signed)",
            transaction,
            ("@school", school),
            ("@index", chainIndex),
            ("@signature", Sign(school, chainIndex, chainHash)),
            ("@signed", signedUtc));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Signs every checkpoint that has no signature: run once, by the schema step that introduced signatures, so that
    /// the checkpoints made before it verify. (Run again later, it would sign a checkpoint somebody inserted.)
    /// </summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The step's transaction.</param>
    /// <param name="signedUtc">When, as stored text.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The checkpoints signed.</returns>
    public async Task<IReadOnlyList<(string School, long ChainIndex)>> SignUnsignedAsync(DbConnection connection, DbTransaction transaction, string signedUtc, CancellationToken cancellationToken)
    {
        var unsigned = new List<(string School, long ChainIndex)>();
        await using (DbCommand command = connection.Command(
            """
            SELECT c.school, c.chain_index FROM ledger_checkpoints c
            WHERE NOT EXISTS (SELECT 1 FROM ledger_checkpoint_signatures s WHERE s.school = c.school AND s.chain_index = c.chain_index)
            ORDER BY 1, 2
            """,
            transaction))
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                unsigned.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        foreach ((string school, long index) in unsigned)
        {
            await SignStoredAsync(connection, transaction, school, index, signedUtc, cancellationToken);
        }

        return unsigned;
    }

    private byte[] LoadOrCreateKey()
    {
        if (!File.Exists(_path))
        {
            byte[] key = RandomNumberGenerator.GetBytes(32);
            try
            {
                // CreateNew: two gateway processes starting together keep one key (the second reads the first's).
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var file = new FileStream(_path, options))
                {
                    file.Write(_protector.Protect(key));
                }

                return key;
            }
            catch (IOException) when (File.Exists(_path))
            {
            }
        }

        return _protector.Unprotect(File.ReadAllBytes(_path));
    }
}

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// One forward step of the database schema.
/// </summary>
/// <param name="Version">The schema version the step leads to (2, 3, …; version 1 is the stores' original tables).</param>
/// <param name="Description">What changes, for the <c>schema_version</c> table and the log.</param>
/// <param name="Sql">The statements, for both SQLite and PostgreSQL (<see cref="SqlDialect.Render"/> placeholders allowed), or empty.</param>
/// <param name="SignsExistingCheckpoints">Whether the step then signs the ledger checkpoints already stored, with the gateway's key (<see cref="CheckpointSigner.SignUnsignedAsync"/>).</param>
public sealed record SchemaMigration(int Version, string Description, string Sql, bool SignsExistingCheckpoints = false);

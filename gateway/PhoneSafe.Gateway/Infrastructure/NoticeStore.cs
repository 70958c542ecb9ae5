using System.Data.Common;
using System.Globalization;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The school's wording of the notice to parents, and each notice on its way (e-mails and exports) with its state.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock.</param>
public sealed class NoticeStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS notice_templates (
            school TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS notice_deliveries (
            id {id},
            school TEXT NOT NULL,
            pupil_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            recipient TEXT,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            response TEXT,
            next_attempt_utc TEXT,
            requested_by TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_notice_deliveries_school_created ON notice_deliveries (school, created_utc);
        CREATE INDEX IF NOT EXISTS ix_notice_deliveries_status_next ON notice_deliveries (status, next_attempt_utc);
        """;

    private const string DeliveryColumns =
        "id, school, pupil_id, channel, recipient, subject, body, status, attempts, response, next_attempt_utc, requested_by, created_utc, updated_utc";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Reads the school's template, or the built-in one when it has saved none.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The template.</returns>
    public async Task<NoticeTemplate> GetTemplateAsync(string school, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT school, subject, body, updated_by, updated_utc FROM notice_templates WHERE school = @school",
            [("@school", school)],
            r => new NoticeTemplate(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), StoredTime.Parse(r.GetString(4))),
            cancellationToken)).FirstOrDefault() ?? NoticeTemplate.Default(school);

    /// <summary>
    /// Saves the school's template.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="subject">Subject line.</param>
    /// <param name="body">Plain text.</param>
    /// <param name="by">Who saved it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The saved template.</returns>
    public async Task<NoticeTemplate> SaveTemplateAsync(string school, string subject, string body, string by, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand upsert = connection.Command(
            """
            INSERT INTO notice_templates (school, subject, body, updated_by, updated_utc) VALUES (@school, @subject, @body, @by, @now)
            ON CONFLICT (school) DO UPDATE SET subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_utc = excluded.updated_utc
            """,
            null,
            ("@school", school),
            ("@subject", subject),
            ("@body", body),
            ("@by", by),
            ("@now", StoredTime.Format(now)));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return new NoticeTemplate(school, subject, body, by, now);
    }

    /// <summary>
    /// Records a notice on its way.
    /// </summary>
    /// <param name="delivery">The notice (its id is assigned here).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The stored notice.</returns>
    public async Task<NoticeDelivery> AddDeliveryAsync(NoticeDelivery delivery, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO notice_deliveries (school, pupil_id, channel, recipient, subject, body, status, attempts, response, next_attempt_utc, requested_by, created_utc, updated_utc)
            VALUES (@school, @pupil, @channel, @recipient, @subject, @body, @status, @attempts, @response, @next, @by, @created, @updated) RETURNING id
            """,
            null,
            ("@school", delivery.School),
            ("@pupil", delivery.PupilId),
            ("@channel", delivery.Channel),
            ("@recipient", delivery.Recipient),
            ("@subject", delivery.Subject),
            ("@body", delivery.Body),
            ("@status", delivery.Status),
            ("@attempts", delivery.Attempts),
            ("@response", delivery.Response),
            ("@next", delivery.NextAttemptUtc is DateTimeOffset next ? StoredTime.Format(next) : null),
            ("@by", delivery.RequestedBy),
            ("@created", StoredTime.Format(delivery.CreatedUtc)),
            ("@updated", StoredTime.Format(delivery.UpdatedUtc)));
        long id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return delivery with { Id = id };
    }

    /// <summary>
    /// Records the outcome of an attempt.
    /// </summary>
    /// <param name="delivery">The notice with its new status, attempts, answer and next attempt.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task UpdateDeliveryAsync(NoticeDelivery delivery, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand update = connection.Command(
            "UPDATE notice_deliveries SET status = @status, attempts = @attempts, response = @response, next_attempt_utc = @next, updated_utc = @updated WHERE id = @id",
            null,
            ("@status", delivery.Status),
            ("@attempts", delivery.Attempts),
            ("@response", delivery.Response),
            ("@next", delivery.NextAttemptUtc is DateTimeOffset next ? StoredTime.Format(next) : null),
            ("@updated", StoredTime.Format(delivery.UpdatedUtc)),
            ("@id", delivery.Id));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lists a school's notices asked for since a time, newest first.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="sinceUtc">Only those asked for at or after this time.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The notices.</returns>
    public Task<List<NoticeDelivery>> ListDeliveriesAsync(string school, DateTimeOffset sinceUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {DeliveryColumns} FROM notice_deliveries WHERE school = @school AND created_utc >= @since ORDER BY id DESC",
            [("@school", school), ("@since", StoredTime.Format(sinceUtc))],
            ReadDelivery,
            cancellationToken);

    /// <summary>
    /// Lists queued e-mails due for an attempt, of every school.
    /// </summary>
    /// <param name="nowUtc">Now.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The notices, oldest first.</returns>
    public Task<List<NoticeDelivery>> ListDueAsync(DateTimeOffset nowUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {DeliveryColumns} FROM notice_deliveries WHERE status = @queued AND next_attempt_utc <= @now ORDER BY id",
            [("@queued", NoticeDeliveryStates.Queued), ("@now", StoredTime.Format(nowUtc))],
            ReadDelivery,
            cancellationToken);

    private static NoticeDelivery ReadDelivery(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.NullableString(4), r.GetString(5), r.GetString(6), r.GetString(7), r.GetInt32(8),
        r.NullableString(9), r.NullableString(10) is string next ? StoredTime.Parse(next) : null, r.GetString(11), StoredTime.Parse(r.GetString(12)), StoredTime.Parse(r.GetString(13)));
}

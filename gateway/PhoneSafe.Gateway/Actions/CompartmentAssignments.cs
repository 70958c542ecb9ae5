using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Reserves compartments of classroom units for members of staff and clears reservations, the one way the People
/// page and the API do it: checks the unit, compartment and person, stores the reservation, audits it and
/// republishes the school's locker configurations.
/// </summary>
/// <param name="registry">Units and reservations.</param>
/// <param name="people">Staff.</param>
/// <param name="publisher">Republishes configurations.</param>
/// <param name="users">Audit log.</param>
public sealed class CompartmentAssignments(LockerRegistryStore registry, PeopleStore people, LockerConfigPublisher publisher, UserStore users)
{
    /// <summary>
    /// Reserves a compartment for a member of staff (moving them from any other at that unit).
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">A classroom unit.</param>
    /// <param name="compartment">Compartment number, from 1.</param>
    /// <param name="personId">Staff code.</param>
    /// <returns>The reservation; invalid; not found (no such unit or active member of staff).</returns>
    public async Task<Outcome<CompartmentAssignment>> AssignAsync(HttpContext http, string school, string locker, int compartment, string? personId)
    {
        CancellationToken cancellationToken = http.RequestAborted;
        if (new Validation().School(school).Locker(locker).PersonId(personId) is { IsValid: false } invalid)
        {
            return Outcome<CompartmentAssignment>.Invalid(invalid);
        }

        await http.AuditAsync(users, "compartment:assign", $"locker={locker}; compartment={compartment}; person={personId}");
        (string Locker, string Kind, int Compartments) unit = (await registry.ListUnitsAsync(school, cancellationToken)).FirstOrDefault(u => u.Locker == locker);
        if (unit.Locker is null)
        {
            return Outcome<CompartmentAssignment>.NotFound($"no registered locker {locker}");
        }

        if (unit.Kind != LockerKind.Classroom)
        {
            return Outcome<CompartmentAssignment>.Invalid("locker", "compartments can be reserved only at classroom units (office units hold pupil phones)");
        }

        if (compartment < 1 || compartment > unit.Compartments)
        {
            return Outcome<CompartmentAssignment>.Invalid("compartment", $"must be 1 to {unit.Compartments}");
        }

        Person? person = await people.FindAsync(school, personId!, cancellationToken);
        if (person is not { Active: true, Kind: PersonKind.Staff })
        {
            return Outcome<CompartmentAssignment>.NotFound($"no active member of staff {personId}");
        }

        await registry.AssignAsync(school, locker, compartment, person.PersonId, cancellationToken);
        publisher.RequestPublish(school);
        return Outcome<CompartmentAssignment>.Ok((await registry.ListAssignmentsAsync(school, locker, cancellationToken)).First(a => a.Compartment == compartment));
    }

    /// <summary>
    /// Clears a compartment's reservation.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">The unit.</param>
    /// <param name="compartment">Compartment number.</param>
    /// <returns>Done; invalid; not found when it was not reserved.</returns>
    public async Task<Outcome<bool>> ClearAsync(HttpContext http, string school, string locker, int compartment)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return Outcome<bool>.Invalid(invalid);
        }

        await http.AuditAsync(users, "compartment:clear", $"locker={locker}; compartment={compartment}");
        if (!await registry.ClearAsync(school, locker, compartment, http.RequestAborted))
        {
            return Outcome<bool>.NotFound($"compartment {compartment} of {locker} is not reserved");
        }

        publisher.RequestPublish(school);
        return Outcome<bool>.Ok(true);
    }
}

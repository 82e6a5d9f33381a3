#pragma once
// The ranks of an `mpirun` launch, for handing out ensemble members. MPI is started
// only when the process was launched by an MPI launcher (mpirun, srun with PMIx): a
// plain `floodtwin ensemble` never touches MPI, and member runs never do. This header
// names no MPI type; mpi_team.cpp holds the MPI calls.
#include <optional>
#include <vector>

namespace floodtwin::twin {

// The cores this rank may use: the machine's, shared by the ranks of the launch on this
// node (OMPI_COMM_WORLD_LOCAL_SIZE).
[[nodiscard]] int cores_per_rank();

class MpiTeam {
public:
    // Starts MPI when the environment shows a launcher (OMPI_COMM_WORLD_SIZE,
    // PMIX_RANK, PMI_RANK); otherwise a team of one that never calls MPI.
    MpiTeam();
    ~MpiTeam();  // MPI_Finalize when started
    MpiTeam(const MpiTeam&) = delete;
    MpiTeam& operator=(const MpiTeam&) = delete;

    [[nodiscard]] int rank() const { return m_rank; }
    [[nodiscard]] int size() const { return m_size; }
    [[nodiscard]] bool started() const { return m_started; }

    // Messages of a few whole numbers with a tag. receive_any and receive_from poll
    // without spinning a core (a rank waiting while its member runs must leave the core
    // to the member): MPI_Iprobe, then a short sleep.
    void send(int to, int tag, const std::vector<long>& values) const;
    // A message with `tag` from any rank, if one is waiting: (from, values).
    [[nodiscard]] std::optional<std::pair<int, std::vector<long>>> poll(int tag) const;
    [[nodiscard]] std::vector<long> receive_from(int from, int tag) const;
    void barrier() const;  // polling too, for the same reason

private:
    // The message with `tag` from `from` (any rank: MPI's wildcard) if one waits.
    [[nodiscard]] std::optional<std::pair<int, std::vector<long>>> take(int from, int tag) const;

    int m_rank = 0, m_size = 1;
    bool m_started = false;
};

}  // namespace floodtwin::twin

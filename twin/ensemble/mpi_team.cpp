#include "twin/ensemble/mpi_team.hpp"

// The C interface alone: no C++ bindings (deprecated, and a library of their own to link).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

namespace floodtwin::twin {

namespace {

bool launched_by_mpi() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
        if (std::getenv(v)) return true;
    return false;
}

void check(int rc, const char* what) {
    if (rc != MPI_SUCCESS) {
        char text[MPI_MAX_ERROR_STRING];
        int n = 0;
        MPI_Error_string(rc, text, &n);
        throw std::runtime_error(std::string("MPI: ") + what + ": " + std::string(text, static_cast<std::size_t>(n)));
    }
}

void nap() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

}  // namespace

int cores_per_rank() {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
    const int ranks = local ? std::max(1, std::atoi(local)) : 1;
    return std::max(1, cores / ranks);
}

MpiTeam::MpiTeam() {
    if (!launched_by_mpi()) return;
    check(MPI_Init(nullptr, nullptr), "cannot start");
    m_started = true;
    check(MPI_Comm_rank(MPI_COMM_WORLD, &m_rank), "rank");
    check(MPI_Comm_size(MPI_COMM_WORLD, &m_size), "size");
}

MpiTeam::~MpiTeam() {
    if (m_started) MPI_Finalize();
}

void MpiTeam::send(int to, int tag, const std::vector<long>& values) const {
    check(MPI_Send(values.data(), static_cast<int>(values.size()), MPI_LONG, to, tag, MPI_COMM_WORLD), "send");
}

std::optional<std::pair<int, std::vector<long>>> MpiTeam::poll(int tag) const { return take(MPI_ANY_SOURCE, tag); }

std::vector<long> MpiTeam::receive_from(int from, int tag) const {
    for (;;) {
        if (auto message = take(from, tag)) return std::move(message->second);
        nap();
    }
}

std::optional<std::pair<int, std::vector<long>>> MpiTeam::take(int from, int tag) const {
    int waiting = 0;
    MPI_Status status;
    check(MPI_Iprobe(from, tag, MPI_COMM_WORLD, &waiting, &status), "probe");
    if (!waiting) return std::nullopt;
    int count = 0;
    MPI_Get_count(&status, MPI_LONG, &count);
    std::vector<long> values(static_cast<std::size_t>(count));
    check(MPI_Recv(values.data(), count, MPI_LONG, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "receive");
    return std::make_pair(status.MPI_SOURCE, std::move(values));
}

void MpiTeam::barrier() const {
    if (!m_started) return;
    MPI_Request request;
    check(MPI_Ibarrier(MPI_COMM_WORLD, &request), "barrier");
    for (int done = 0;;) {
        check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "barrier");
        if (done) return;
        nap();
    }
}

}  // namespace floodtwin::twin

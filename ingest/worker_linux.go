package ingest

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
	"time"
)

// processRSS returns the resident memory of process pid, from /proc.
func processRSS(pid int) (int64, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0, false
	}
	f := bytes.Fields(data)
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}

// clockTicks is the unit of the times of /proc/PID/stat (USER_HZ, 100 on
// every Linux Go runs on).
const clockTicks = 100

// processCPU returns the CPU time (user and system) process pid has used,
// from /proc.
func processCPU(pid int) (time.Duration, bool) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, false
	}
	// After the command's name: state (field 3) … utime (14), stime (15).
	f := bytes.Fields(data[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	stime, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * time.Second / clockTicks, true
}

// limitData sets the process's limit on its data segment (the Go heap and
// stacks are in it): an allocation past it fails, which ends the process.
// The processes it starts (Tesseract, pdftoppm) inherit it.
func limitData(bytes int64) {
	syscall.Setrlimit(syscall.RLIMIT_DATA, &syscall.Rlimit{Cur: uint64(bytes), Max: uint64(bytes)})
}

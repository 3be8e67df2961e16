// A10 of 004 §3.10 (filled in by the normal-form work).
#pragma once

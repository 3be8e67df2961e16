// Text and JSON renderers for the disclosure family (to be written).
#pragma once

import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter);
    function FdSlicer(fd) {
      EventEmitter.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter);
    function BufferSlicer(buffer) {
      EventEmitter.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter = __require("events").EventEmitter;
    var Transform = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path, options2) {
      return new Promise((resolve, reject) => {
        open(path, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function open(path, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        resolve({ value: entry });
      }
      function onEnd() {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform);
    function AssertByteCountStream(byteCount) {
      Transform.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter);
    function RandomAccessReader() {
      EventEmitter.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error) {
        callback(error);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// src/intake-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/uuid/uuid-codec.ts
var HEX_VALUE = new Uint8Array(256).fill(255);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  if (/[0-9A-Fa-f]/.test(char)) HEX_VALUE[code] = Number.parseInt(char, 16);
}
var HEX_TEXT = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
var HEX_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
var DASH = 45;
function wordAt(bytes, at) {
  return (bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3]) >>> 0;
}
function uuidWords(uuid) {
  const digit = (at) => HEX_VALUE[uuid.charCodeAt(at)];
  const words = [0, 0, 0, 0];
  for (let k = 0; k < 16; k += 1) {
    const p = HEX_PAIRS[k];
    words[k >> 2] = (words[k >> 2] << 8 | digit(p) << 4 | digit(p + 1)) >>> 0;
  }
  return words;
}
function uuidText(bytes, at) {
  let text = "";
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += "-";
    text += HEX_TEXT[bytes[at + i]];
  }
  return text;
}
function uuidAsciiToBytes(b, s, out, at) {
  if (b[s + 8] !== DASH || b[s + 13] !== DASH || b[s + 18] !== DASH || b[s + 23] !== DASH) return false;
  for (let k = 0; k < 16; k += 1) {
    const p = s + HEX_PAIRS[k];
    const high = HEX_VALUE[b[p]];
    const low = HEX_VALUE[b[p + 1]];
    if ((high | low) > 15) return false;
    out[at + k] = high << 4 | low;
  }
  return true;
}
function uuidTextToBytes(uuid, out, at) {
  for (let k = 0; k < 16; k += 1) {
    const p = HEX_PAIRS[k];
    out[at + k] = HEX_VALUE[uuid.charCodeAt(p)] << 4 | HEX_VALUE[uuid.charCodeAt(p + 1)];
  }
}
var UuidWordsSink = class {
  /** Adds a UUID given as text (any case, with dashes). */
  add(uuid) {
    const [a, b, c, d] = uuidWords(uuid);
    return this.addWords(a, b, c, d);
  }
  /** Adds a UUID kept as 16 raw bytes at `at`. */
  addBytes(bytes, at) {
    return this.addWords(wordAt(bytes, at), wordAt(bytes, at + 4), wordAt(bytes, at + 8), wordAt(bytes, at + 12));
  }
};

// src/generated/summary-fields.ts
var FIELD_TABLE = {
  "fast": true,
  "top": [
    {
      "name": "schema_version",
      "required": true,
      "kind": "const",
      "value": 1
    },
    {
      "name": "session_id",
      "required": true,
      "kind": "uuid"
    },
    {
      "name": "install_id",
      "required": false,
      "kind": "uuid"
    },
    {
      "name": "app",
      "required": true,
      "kind": "object",
      "slots": [
        0,
        1
      ]
    },
    {
      "name": "runtime",
      "required": false,
      "kind": "object",
      "slots": [
        2,
        3
      ]
    },
    {
      "name": "os",
      "required": true,
      "kind": "object",
      "slots": [
        4,
        5,
        6
      ]
    },
    {
      "name": "ci",
      "required": false,
      "kind": "leaf",
      "slot": 7
    },
    {
      "name": "started_at",
      "required": true,
      "kind": "timestamp",
      "max": 40
    },
    {
      "name": "ended_at",
      "required": true,
      "kind": "timestamp",
      "max": 40
    },
    {
      "name": "log_lines",
      "required": true,
      "kind": "count",
      "min": 0,
      "max": 1e12
    },
    {
      "name": "error_lines",
      "required": true,
      "kind": "count",
      "min": 0,
      "max": 1e12
    },
    {
      "name": "outcome",
      "required": false,
      "kind": "outcome",
      "values": [
        "ok",
        "error",
        "crash"
      ]
    },
    {
      "name": "error_kinds",
      "required": false,
      "kind": "kinds",
      "dotted": true,
      "first": [
        0,
        0,
        2281701374,
        134217726
      ],
      "rest": [
        0,
        67043328,
        2281701374,
        134217726
      ],
      "minLength": 1,
      "maxLength": 128,
      "maxKinds": 32,
      "forbidden": [
        "__proto__",
        "constructor",
        "prototype"
      ],
      "min": 1,
      "max": 1e9
    }
  ],
  "configs": [
    {
      "path": "app.name",
      "parent": "app",
      "key": "name",
      "slot": 0,
      "required": true,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67067904,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "app.version",
      "parent": "app",
      "key": "version",
      "slot": 1,
      "required": true,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "runtime.name",
      "parent": "runtime",
      "key": "name",
      "slot": 2,
      "required": true,
      "parentRequired": false,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67067904,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "runtime.version",
      "parent": "runtime",
      "key": "version",
      "slot": 3,
      "required": true,
      "parentRequired": false,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "os.platform",
      "parent": "os",
      "key": "platform",
      "slot": 4,
      "required": true,
      "parentRequired": true,
      "pattern": null,
      "minLength": 0,
      "maxLength": null,
      "kind": "enum",
      "nullable": false,
      "values": [
        "linux",
        "darwin",
        "windows",
        "freebsd",
        "other"
      ],
      "first": [],
      "rest": [],
      "min": 0,
      "max": 0
    },
    {
      "path": "os.version",
      "parent": "os",
      "key": "version",
      "slot": 5,
      "required": false,
      "parentRequired": true,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$",
      "minLength": 1,
      "maxLength": 64,
      "kind": "string",
      "nullable": false,
      "values": [],
      "first": [
        0,
        67043328,
        134217726,
        134217726
      ],
      "rest": [
        0,
        67069952,
        2281701374,
        134217726
      ],
      "min": 1,
      "max": 64
    },
    {
      "path": "os.arch",
      "parent": "os",
      "key": "arch",
      "slot": 6,
      "required": false,
      "parentRequired": true,
      "pattern": null,
      "minLength": 0,
      "maxLength": null,
      "kind": "enum",
      "nullable": false,
      "values": [
        "x64",
        "arm64",
        "x86",
        "arm",
        "other"
      ],
      "first": [],
      "rest": [],
      "min": 0,
      "max": 0
    },
    {
      "path": "ci",
      "parent": null,
      "key": "ci",
      "slot": 7,
      "required": false,
      "parentRequired": true,
      "pattern": "^[A-Z][A-Z0-9_]{1,31}$",
      "minLength": 2,
      "maxLength": 32,
      "kind": "string",
      "nullable": true,
      "values": [],
      "first": [
        0,
        0,
        134217726,
        0
      ],
      "rest": [
        0,
        67043328,
        2281701374,
        0
      ],
      "min": 2,
      "max": 32
    }
  ],
  "groupable": [
    "app.name",
    "app.version",
    "runtime.name",
    "runtime.version",
    "os.platform",
    "os.version",
    "os.arch",
    "ci",
    "outcome",
    "error_kind"
  ],
  "hash": "2e895da348ba"
};
function copyConfig(target, config) {
  if (config["app"] !== void 0) target["app"] = config["app"];
  if (config["runtime"] !== void 0) target["runtime"] = config["runtime"];
  if (config["os"] !== void 0) target["os"] = config["os"];
  if (config["ci"] !== void 0) target["ci"] = config["ci"];
}

// src/records/compact-summary.ts
var CompactSummary = class {
  schema_version = 1;
  config;
  /** The session ID's 16 bytes are at `idAt` in `bytes`; the install ID's at `installAt`, or -1. */
  bytes;
  idAt;
  installAt;
  startedMs;
  endedMs;
  log_lines;
  error_lines;
  outcome;
  error_kinds;
  constructor(config, bytes, idAt, installAt, startedMs, endedMs, logLines2, errorLines2) {
    this.config = config;
    this.bytes = bytes;
    this.idAt = idAt;
    this.installAt = installAt;
    this.startedMs = startedMs;
    this.endedMs = endedMs;
    copyConfig(this, config);
    this.log_lines = logLines2;
    this.error_lines = errorLines2;
  }
  get session_id() {
    return uuidText(this.bytes, this.idAt);
  }
  get install_id() {
    return this.installAt < 0 ? void 0 : uuidText(this.bytes, this.installAt);
  }
  get started_at() {
    return new Date(this.startedMs).toISOString();
  }
  get ended_at() {
    return new Date(this.endedMs).toISOString();
  }
};

// src/records/field-table.ts
var CONFIG_FIELDS = FIELD_TABLE.configs;
var OUTCOME_VALUES = FIELD_TABLE.top.flatMap(
  (field) => field.kind === "outcome" ? field.values : []
);
var FIELDS_HASH = FIELD_TABLE.hash;
function configValue(summary, field) {
  const holder = field.parent === null ? summary : summary[field.parent];
  if (holder === void 0 || holder === null) return void 0;
  return holder[field.key];
}
function configOf(values) {
  const config = {};
  for (const field of CONFIG_FIELDS) {
    const value = values[field.slot];
    if (value === void 0) continue;
    if (field.parent === null) config[field.key] = value;
    else (config[field.parent] ??= {})[field.key] = value;
  }
  return config;
}

// src/records/session-records.ts
var HAS_INSTALL = 1;
var HAS_KINDS = 2;
var OUTCOMES = [void 0, ...OUTCOME_VALUES];
var MAX_TIME_MS = 864e13;
var RECORD_BASE_MAX = 16 + 16 + 6 * 9;
var PartialFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "PartialFormatError";
  }
};
function copy16(out, at, from, fromAt) {
  for (let i = 0; i < 16; i += 1) out[at + i] = from[fromAt + i];
}
function putVarint(out, at, value) {
  let rest = value;
  if (rest < 2147483648) {
    while (rest >= 128) {
      out[at++] = rest & 127 | 128;
      rest >>>= 7;
    }
    out[at++] = rest;
    return at;
  }
  while (rest >= 128) {
    out[at++] = rest % 128 | 128;
    rest = Math.floor(rest / 128);
  }
  out[at++] = rest;
  return at;
}
var SessionRecordWriter = class {
  #baseMs;
  #buffer = new Uint8Array(1 << 16);
  #at = 0;
  #count = 0;
  #configs = /* @__PURE__ */ new Map();
  /** Configuration numbers of shared configuration objects already seen. */
  #configObjects = /* @__PURE__ */ new Map();
  #kinds = /* @__PURE__ */ new Map();
  #runs = /* @__PURE__ */ new Map();
  /** Dictionary entries not yet handed out by takeDictionary(). */
  #newConfigs = [];
  #newKinds = [];
  #newRuns = [];
  /** Sessions must start at or after `baseMs` (the window start). */
  constructor(baseMs) {
    this.#baseMs = baseMs;
  }
  get byteLength() {
    return this.#at;
  }
  get count() {
    return this.#count;
  }
  add(summary, run, times) {
    const kinds2 = summary.error_kinds;
    let kindCount = 0;
    if (kinds2) {
      for (const kind in kinds2) if (Object.prototype.hasOwnProperty.call(kinds2, kind)) kindCount += 1;
    }
    this.#reserve(RECORD_BASE_MAX + 9 + kindCount * 18);
    const out = this.#buffer;
    let at = this.#at;
    const compact = summary instanceof CompactSummary ? summary : null;
    if (compact) copy16(out, at, compact.bytes, compact.idAt);
    else uuidTextToBytes(summary.session_id, out, at);
    at += 16;
    at = putVarint(out, at, compact ? this.#sharedConfigIndex(compact) : this.#configIndex(summary));
    const outcome = summary.outcome === void 0 ? 0 : OUTCOMES.indexOf(summary.outcome);
    const hasInstall = compact ? compact.installAt >= 0 : Boolean(summary.install_id);
    at = putVarint(out, at, outcome * 4 + (hasInstall ? HAS_INSTALL : 0) + (kindCount > 0 ? HAS_KINDS : 0));
    if (compact && hasInstall) copy16(out, at, compact.bytes, compact.installAt);
    else if (hasInstall) uuidTextToBytes(summary.install_id, out, at);
    if (hasInstall) at += 16;
    at = putVarint(out, at, times.startedMs - this.#baseMs);
    at = putVarint(out, at, times.endedMs - times.startedMs);
    at = putVarint(out, at, summary.log_lines);
    at = putVarint(out, at, summary.error_lines);
    at = putVarint(out, at, run ? this.#runIndex(run) + 1 : 0);
    if (kindCount > 0) {
      at = putVarint(out, at, kindCount);
      for (const kind in kinds2) {
        if (!Object.prototype.hasOwnProperty.call(kinds2, kind)) continue;
        at = putVarint(out, at, this.#kindIndex(kind));
        at = putVarint(out, at, kinds2[kind]);
      }
    }
    this.#at = at;
    this.#count += 1;
  }
  /** The records written since the last call, and forgets them. */
  takeRecords() {
    const taken = { bytes: this.#buffer.slice(0, this.#at), count: this.#count };
    this.#at = 0;
    this.#count = 0;
    return taken;
  }
  /** Dictionary entries added since the last call: a reader needs them before the records that use them. */
  takeDictionary() {
    const taken = { configs: this.#newConfigs, kinds: this.#newKinds, runs: this.#newRuns };
    this.#newConfigs = [];
    this.#newKinds = [];
    this.#newRuns = [];
    return taken;
  }
  #reserve(bytes) {
    if (this.#at + bytes <= this.#buffer.byteLength) return;
    const grown = new Uint8Array(Math.max(this.#buffer.byteLength * 2, this.#at + bytes));
    grown.set(this.#buffer.subarray(0, this.#at));
    this.#buffer = grown;
  }
  #configIndex(summary) {
    const tuple = CONFIG_FIELDS.map((field) => configValue(summary, field) ?? null);
    const key = tuple.map((value) => value ?? "").join("\0");
    let index = this.#configs.get(key);
    if (index === void 0) {
      index = this.#configs.size;
      this.#configs.set(key, index);
      this.#newConfigs.push(tuple);
    }
    return index;
  }
  #sharedConfigIndex(summary) {
    let index = this.#configObjects.get(summary.config);
    if (index === void 0) {
      index = this.#configIndex(summary);
      this.#configObjects.set(summary.config, index);
    }
    return index;
  }
  #kindIndex(kind) {
    let index = this.#kinds.get(kind);
    if (index === void 0) {
      index = this.#kinds.size;
      this.#kinds.set(kind, index);
      this.#newKinds.push(kind);
    }
    return index;
  }
  #runIndex(run) {
    let index = this.#runs.get(run.id);
    if (index === void 0) {
      index = this.#runs.size;
      this.#runs.set(run.id, index);
      this.#newRuns.push({ id: run.id, branch: run.branch, url: run.url });
    }
    return index;
  }
};
var SessionRecordReader = class {
  #baseMs;
  #configs = [];
  #kinds = [];
  #runs = [];
  constructor(baseMs) {
    this.#baseMs = baseMs;
  }
  addConfig(tuple) {
    this.#configs.push(configOf(tuple.map((value) => value ?? void 0)));
  }
  addKind(kind) {
    this.#kinds.push(kind);
  }
  addRun(run) {
    this.#runs.push(run);
  }
  /** Calls `each` for every record in `bytes`, which must hold exactly `count` of them. */
  read(bytes, count, each) {
    let at = 0;
    const end = bytes.byteLength;
    const varint = () => {
      let value = 0;
      for (let shift = 0; shift < 28; shift += 7) {
        if (at >= end) throw new PartialFormatError("a session record is cut short");
        const byte = bytes[at++];
        value |= (byte & 127) << shift;
        if (byte < 128) return value;
      }
      let scale = 2 ** 28;
      for (let length = 4; length < 8; length += 1) {
        if (at >= end) throw new PartialFormatError("a session record is cut short");
        const byte = bytes[at++];
        value += (byte & 127) * scale;
        if (byte < 128) return value;
        scale *= 128;
      }
      throw new PartialFormatError("a session record holds a number that is too long");
    };
    for (let n = 0; n < count; n += 1) {
      if (at + 17 > end) throw new PartialFormatError("a session record is cut short");
      const idAt = at;
      at += 16;
      const config = this.#configs[varint()];
      if (!config) throw new PartialFormatError("a session record names a configuration not defined before it");
      const flags = varint();
      if (Math.floor(flags / 4) >= OUTCOMES.length) throw new PartialFormatError("a session record has unknown flags");
      let installAt = -1;
      if (flags & HAS_INSTALL) {
        if (at + 16 > end) throw new PartialFormatError("a session record is cut short");
        installAt = at;
        at += 16;
      }
      const startedMs = this.#baseMs + varint();
      const endedMs = startedMs + varint();
      if (endedMs > MAX_TIME_MS) throw new PartialFormatError("a session record holds a time out of range");
      const logLines2 = varint();
      const summary = new CompactSummary(config, bytes, idAt, installAt, startedMs, endedMs, logLines2, varint());
      const outcome = OUTCOMES[Math.floor(flags / 4)];
      if (outcome) summary.outcome = outcome;
      const runNumber = varint();
      let run = null;
      if (runNumber > 0) {
        run = this.#runs[runNumber - 1] ?? null;
        if (!run) throw new PartialFormatError("a session record names a run not defined before it");
      }
      if (flags & HAS_KINDS) {
        const kinds2 = {};
        const kindCount = varint();
        for (let k = 0; k < kindCount; k += 1) {
          const kind = this.#kinds[varint()];
          if (kind === void 0)
            throw new PartialFormatError("a session record names an error kind not defined before it");
          kinds2[kind] = varint();
        }
        summary.error_kinds = kinds2;
      }
      each({ summary, run });
    }
    if (at !== end) throw new PartialFormatError("a chunk of session records holds more bytes than its count says");
  }
};

// src/limits.ts
var KiB = 1024;
var MiB = 1024 * KiB;
var ZIP_MAX_ENTRIES = 1e4;
var ZIP_MAX_UNCOMPRESSED_BYTES = 512 * MiB;
var ZIP_MAX_RATIO = 200;
var ZIP_RATIO_MIN_BYTES = 64 * KiB;
var ARCHIVE_MAX_BYTES = 256 * MiB;
var JSON_FILE_MAX_BYTES = 64 * MiB;
var RECORD_MAX_BYTES = 64 * KiB;
var RECORD_MAX_DEPTH = 8;
var RUN_MAX_ARTIFACTS = 5e3;
var RUN_MAX_BYTES = 4 * 1024 * MiB;
var RUN_MAX_RECORDS = 5e7;

// src/intake/zip-entries.ts
var import_yauzl = __toESM(require_yauzl(), 1);

// src/sources/file-kinds.ts
function recordFormatOf(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".log")) return "log";
  return null;
}

// src/sources/path-source.ts
var STREAM_FROM_BYTES = 4 * 1024 * 1024;
var CHUNK_BYTES = 1024 * 1024;

// src/intake/zip-entries.ts
var SYMLINK_MODE = 40960;
var FILE_TYPE_MASK = 61440;
var ARCHIVE_EXTENSIONS = /\.(zip|jar|tar|tgz|gz|bz2|xz|7z|rar|zst)$/i;
function openZip(bytes) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    import_yauzl.default.fromBuffer(
      buffer,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
      (error, zip) => error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip)
    );
  });
}
function nextEntry(zip) {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.removeListener("entry", onEntry);
      zip.removeListener("end", onEnd);
      zip.removeListener("error", onError);
    };
    const onEntry = (entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error) => (cleanup(), reject(error));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}
function readEntry(zip, entry) {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error("no stream"));
      const chunks = [];
      let length = 0;
      stream.on("data", (chunk) => {
        length += chunk.length;
        if (length > entry.uncompressedSize) stream.destroy(new Error("too many bytes in the stream"));
        else chunks.push(chunk);
      });
      stream.on("error", reject);
      stream.on("end", () => resolve(Buffer.concat(chunks, length)));
    });
  });
}
function failureOf(error) {
  const message = error instanceof Error ? error.message : "";
  return /too many bytes|not enough bytes|too few bytes|size/i.test(message) ? "zip-size-mismatch" : "zip-invalid";
}
async function* entryChunks(zip, entry, failure) {
  let stream;
  try {
    stream = await new Promise(
      (resolve, reject) => zip.openReadStream(
        entry,
        (error, opened) => error || !opened ? reject(error ?? new Error("no stream")) : resolve(opened)
      )
    );
  } catch (error) {
    failure.reason = failureOf(error);
    return;
  }
  let length = 0;
  try {
    for await (const chunk of stream) {
      length += chunk.length;
      if (length > entry.uncompressedSize) {
        failure.reason = "zip-size-mismatch";
        return;
      }
      yield chunk;
    }
    if (length !== entry.uncompressedSize) failure.reason = "zip-size-mismatch";
  } catch (error) {
    failure.reason = failureOf(error);
  } finally {
    stream.destroy?.();
  }
}
function unsafeEntryName(name) {
  return name.startsWith("/") || name.includes("\\") || /^[A-Za-z]:/.test(name) || name.includes("\0") || name.split("/").some((segment) => segment === "..");
}
function entryName(entry) {
  const raw = entry.fileName;
  return raw.toString((entry.generalPurposeBitFlag & 2048) !== 0 ? "utf8" : "latin1");
}
async function* zipEntries(archive) {
  const skip2 = (reason, index) => ({
    kind: "skip",
    origin: index === void 0 ? archive.origin : `${archive.origin} (entry ${index})`,
    reason
  });
  let zip;
  try {
    zip = await openZip(archive.bytes);
  } catch {
    yield skip2("zip-invalid");
    return;
  }
  try {
    if (zip.entryCount > ZIP_MAX_ENTRIES) {
      yield skip2("zip-too-many-entries");
      return;
    }
    let index = 0;
    let declared = 0;
    for (; ; ) {
      let entry;
      try {
        entry = await nextEntry(zip);
      } catch {
        yield skip2("zip-invalid");
        return;
      }
      if (!entry) return;
      index += 1;
      const name = entryName(entry);
      if (name.endsWith("/")) continue;
      if (unsafeEntryName(name)) {
        yield skip2("zip-unsafe-entry-name", index);
        continue;
      }
      if ((entry.externalFileAttributes >>> 16 & FILE_TYPE_MASK) === SYMLINK_MODE) {
        yield skip2("zip-symlink", index);
        continue;
      }
      if (ARCHIVE_EXTENSIONS.test(name)) {
        yield skip2("zip-nested-archive", index);
        continue;
      }
      if (recordFormatOf(name) === null) {
        yield skip2("unsupported-file-type", index);
        continue;
      }
      if (entry.isEncrypted()) {
        yield skip2("zip-encrypted", index);
        continue;
      }
      declared += entry.uncompressedSize;
      if (declared > ZIP_MAX_UNCOMPRESSED_BYTES) {
        yield skip2("zip-too-large");
        return;
      }
      if (entry.uncompressedSize > ZIP_RATIO_MIN_BYTES && entry.uncompressedSize / Math.max(1, entry.compressedSize) > ZIP_MAX_RATIO) {
        yield skip2("zip-bomb");
        return;
      }
      if (recordFormatOf(name) === "jsonl" && entry.uncompressedSize > STREAM_FROM_BYTES) {
        const failure = { reason: null };
        const streamed = entry;
        yield {
          kind: "item",
          origin: `${archive.origin}/${name}`,
          name,
          bytes: new Uint8Array(),
          size: entry.uncompressedSize,
          stream: () => entryChunks(zip, streamed, failure),
          run: archive.run
        };
        if (failure.reason) {
          yield skip2(failure.reason, index);
          return;
        }
        continue;
      }
      let bytes;
      try {
        bytes = await readEntry(zip, entry);
      } catch (error) {
        yield skip2(failureOf(error), index);
        return;
      }
      if (bytes.byteLength !== entry.uncompressedSize) {
        yield skip2("zip-size-mismatch", index);
        return;
      }
      yield { kind: "item", origin: `${archive.origin}/${name}`, name, bytes, run: archive.run };
    }
  } finally {
    zip.close();
  }
}

// src/intake/intake.ts
import { createHash as createHash2 } from "node:crypto";

// src/intake/formats/derived-id.ts
import { createHash } from "node:crypto";
function derivedUuid(...parts) {
  const hex = createHash("sha256").update(parts.join("\0")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${(parseInt(hex[16], 16) & 3 | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
var UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

// src/intake/formats/platforms.ts
var PLATFORMS = {
  linux: "linux",
  ubuntu: "linux",
  debian: "linux",
  centos: "linux",
  rhel: "linux",
  redhat: "linux",
  fedora: "linux",
  amazon: "linux",
  amzn: "linux",
  alpine: "linux",
  arch: "linux",
  opensuse: "linux",
  suse: "linux",
  darwin: "darwin",
  mac: "darwin",
  macos: "darwin",
  osx: "darwin",
  windows: "windows",
  win32: "windows",
  win: "windows",
  freebsd: "freebsd"
};
var ARCHES = {
  amd64: "x64",
  x86_64: "x64",
  x64: "x64",
  arm64: "arm64",
  aarch64: "arm64",
  "386": "x86",
  i386: "x86",
  i686: "x86",
  x86: "x86",
  ia32: "x86",
  arm: "arm",
  armv7l: "arm",
  armv6l: "arm"
};
function mapPlatform(value) {
  return typeof value === "string" ? PLATFORMS[value.trim().toLowerCase()] ?? "other" : "other";
}
function mapArch(value) {
  if (typeof value !== "string" || value.trim() === "") return null;
  return ARCHES[value.trim().toLowerCase()] ?? "other";
}

// src/intake/formats/hasura-cli.ts
var HASURA_APP_NAME = "hasura-cli";
function fromHasuraCli(event, appName) {
  const executionId = event["execution_id"];
  const timestamp = event["timestamp"];
  if (typeof executionId !== "string" || !UUID_PATTERN.test(executionId))
    return { ok: false, reason: "hasura-cli:execution_id" };
  if (typeof timestamp !== "string") return { ok: false, reason: "hasura-cli:timestamp" };
  if (typeof event["is_error"] !== "boolean") return { ok: false, reason: "hasura-cli:is_error" };
  const failed = event["is_error"];
  const summary = {
    schema_version: 1,
    session_id: executionId,
    app: { name: appName ?? HASURA_APP_NAME, version: event["version"] },
    os: {
      platform: mapPlatform(event["os_platform"]),
      ...mapArch(event["os_arch"]) ? { arch: mapArch(event["os_arch"]) } : {}
    },
    started_at: timestamp,
    ended_at: timestamp,
    log_lines: 1,
    error_lines: failed ? 1 : 0,
    outcome: failed ? "error" : "ok"
  };
  if (typeof event["uuid"] === "string" && UUID_PATTERN.test(event["uuid"])) summary["install_id"] = event["uuid"];
  if (typeof event["server_version"] === "string")
    summary["runtime"] = { name: "hasura-server", version: event["server_version"] };
  if (typeof event["ci"] === "string" || event["ci"] === null) summary["ci"] = event["ci"];
  return { ok: true, value: summary };
}

// src/intake/formats/record-shape.ts
var RECORD_FORMATS = ["session-summary", "hasura-cli", "segment"];
var FORMATS = ["auto", ...RECORD_FORMATS, "log"];
var has = (value, key) => Object.prototype.hasOwnProperty.call(value, key);
function recordShape(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const record = value;
  if (has(record, "schema_version") || has(record, "session_id")) return "session-summary";
  if (has(record, "execution_id") && has(record, "is_error") && has(record, "os_platform")) return "hasura-cli";
  if (typeof record["event"] === "string" && (record["type"] === "track" || has(record, "messageId"))) return "segment";
  return null;
}

// src/intake/formats/segment.ts
var SEGMENT_APP_NAME = "app";
var INSTALL_EVENTS = { "Installation Success": false, "Installation Errors": true };
var OS_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
function kept(event) {
  const properties = event["properties"] !== null && typeof event["properties"] === "object" ? event["properties"] : {};
  const anonymousId = typeof event["anonymousId"] === "string" && UUID_PATTERN.test(event["anonymousId"]) ? event["anonymousId"] : null;
  const instanceId = typeof properties["instanceId"] === "string" && UUID_PATTERN.test(properties["instanceId"]) ? properties["instanceId"] : null;
  return {
    name: typeof event["event"] === "string" ? event["event"] : "",
    messageId: typeof event["messageId"] === "string" ? event["messageId"] : null,
    timestamp: typeof event["timestamp"] === "string" ? event["timestamp"] : null,
    os: typeof properties["os"] === "string" ? properties["os"] : null,
    version: typeof properties["version"] === "string" ? properties["version"] : null,
    installId: instanceId ?? anonymousId
  };
}
function fromSegment(event, appName) {
  const { name, messageId, timestamp, os, version, installId } = kept(event);
  const isInstall = Object.prototype.hasOwnProperty.call(INSTALL_EVENTS, name);
  if (!isInstall && name !== "Instance Active") return { ok: false, reason: "segment-event-skipped", skip: true };
  if (!messageId) return { ok: false, reason: "segment:messageId" };
  if (!timestamp) return { ok: false, reason: "segment:timestamp" };
  const failed = isInstall && INSTALL_EVENTS[name] === true;
  const osVersion = os && OS_VERSION.test(os.toLowerCase()) ? os.toLowerCase() : null;
  const summary = {
    schema_version: 1,
    // The message ID is Segment's de-duplication key; the session ID is derived from it.
    session_id: derivedUuid("segment", messageId),
    app: { name: appName ?? SEGMENT_APP_NAME, version: version ?? "unknown" },
    runtime: { name: isInstall ? "installer" : "server", version: "unknown" },
    os: { platform: mapPlatform(os), ...osVersion ? { version: osVersion } : {} },
    started_at: timestamp,
    ended_at: timestamp,
    log_lines: 1,
    error_lines: failed ? 1 : 0,
    outcome: failed ? "error" : "ok"
  };
  if (installId) summary["install_id"] = installId;
  return { ok: true, value: summary };
}

// src/intake/formats/adapt-record.ts
function adaptRecord(value, settings) {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { ok: false, reason: "not-an-object" };
  const shape = recordShape(value);
  const format = settings.format === "auto" ? shape : settings.format;
  if (format === null) return { ok: false, reason: "unknown-format" };
  if (format === "log") return { ok: false, reason: "unknown-format" };
  if (format !== shape && format !== "session-summary") return { ok: false, reason: `not-${format}` };
  switch (format) {
    case "session-summary":
      return { ok: true, value };
    case "hasura-cli":
      return fitted(fromHasuraCli(value, settings.appName));
    case "segment":
      return fitted(fromSegment(value, settings.appName));
  }
}
var TOP_NAMES = new Set(FIELD_TABLE.top.map((field) => field.name));
var KEYS_OF = new Map(
  CONFIG_FIELDS.filter((field) => field.parent !== null).map((field) => [
    field.parent,
    new Set(CONFIG_FIELDS.filter((other) => other.parent === field.parent).map((other) => other.key))
  ])
);
function fitted(adapted) {
  if (!adapted.ok) return adapted;
  const summary = adapted.value;
  for (const key of Object.keys(summary)) {
    if (!TOP_NAMES.has(key)) delete summary[key];
    const keys = KEYS_OF.get(key);
    const inner = summary[key];
    if (keys && inner !== null && typeof inner === "object") {
      for (const innerKey of Object.keys(inner))
        if (!keys.has(innerKey)) delete inner[innerKey];
    }
  }
  return adapted;
}
function summaryFromLog(figures, contentKey, settings) {
  return {
    schema_version: 1,
    session_id: derivedUuid("log", contentKey),
    app: { name: settings.appName ?? "app", version: settings.appVersion ?? "unknown" },
    os: { platform: "other" },
    started_at: figures.firstAt,
    ended_at: figures.lastAt,
    log_lines: figures.lines,
    error_lines: figures.errorLines,
    outcome: figures.errorLines > 0 ? "error" : "ok",
    ...Object.keys(figures.errorKinds).length > 0 ? { error_kinds: figures.errorKinds } : {}
  };
}

// src/intake/formats/session-log.ts
var DEFAULT_LOG_PATTERN = "^(?<ts>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?)\\W{0,5}(?:\\S+\\W{1,5})??(?<level>DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)\\b";
var ERROR_LEVELS = /* @__PURE__ */ new Set([
  "ERROR",
  "ERR",
  "CRITICAL",
  "CRIT",
  "FATAL",
  "EXCEPTION",
  "PANIC",
  "ALERT",
  "EMERG",
  "EMERGENCY",
  "SEVERE"
]);
var NUMERIC_ERROR_LEVEL = 50;
var PANIC = /^(?:panic: |fatal error: |thread '[^']*' panicked at )/;
var ANSI = /\x1b\[[0-9;]*m/g;
function isErrorLevel(level) {
  if (!level) return false;
  const bare = level.trim().replace(/^"|"$/g, "");
  if (/^\d+$/.test(bare)) return Number(bare) >= NUMERIC_ERROR_LEVEL;
  return ERROR_LEVELS.has(bare.toUpperCase());
}
var TRACEBACK = /^Traceback \(most recent call last\):/;
var EXCEPTION_LINE = /^([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(?::|$)/;
var MAX_ERROR_KINDS = 32;
var LogPatternError = class extends Error {
};
function compileLogPattern(source) {
  let pattern;
  try {
    pattern = new RegExp(source);
  } catch (error) {
    throw new LogPatternError(
      `is not a regular expression (${error instanceof Error ? error.message : String(error)})`
    );
  }
  if (!source.includes("(?<ts>") || !source.includes("(?<level>"))
    throw new LogPatternError("needs the named groups (?<ts>...) and (?<level>...)");
  return pattern;
}
function toIso(stamp) {
  const bare = stamp.trim().replace(/^"|"$/g, "");
  if (/^\d{13}$/.test(bare) || /^\d{10}(?:\.\d+)?$/.test(bare)) {
    const time2 = bare.length === 13 ? Number(bare) : Math.round(Number(bare) * 1e3);
    return Number.isFinite(time2) ? new Date(time2).toISOString() : null;
  }
  let text = bare.replace(/^(\d{4})\/(\d{2})\/(\d{2})/, "$1-$2-$3").replace(" ", "T").replace(",", ".");
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += "Z";
  text = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
function readLog(text, pattern = compileLogPattern(DEFAULT_LOG_PATTERN)) {
  let first = null;
  let last = null;
  let lines = 0;
  let errorLines2 = 0;
  const errorKinds = /* @__PURE__ */ new Map();
  let inTraceback = false;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "") continue;
    const line = raw.includes("\x1B[") ? raw.replace(ANSI, "") : raw;
    lines += 1;
    const match = pattern.exec(line);
    const stamp = match?.groups?.["ts"];
    if (match && stamp) {
      inTraceback = false;
      const iso = toIso(stamp);
      if (iso) {
        if (first === null || iso < first) first = iso;
        if (last === null || iso > last) last = iso;
      }
      if (isErrorLevel(match.groups?.["level"])) errorLines2 += 1;
      continue;
    }
    if (PANIC.test(line)) {
      errorLines2 += 1;
      errorKinds.set("panic", (errorKinds.get("panic") ?? 0) + 1);
      continue;
    }
    if (TRACEBACK.test(line)) {
      inTraceback = true;
      errorLines2 += 1;
      continue;
    }
    if (inTraceback && !/^\s/.test(line)) {
      inTraceback = false;
      const kind = EXCEPTION_LINE.exec(line)?.[1];
      if (kind && kind.length <= 128 && (errorKinds.has(kind) || errorKinds.size < MAX_ERROR_KINDS))
        errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    }
  }
  if (first === null || last === null) return null;
  return {
    firstAt: first,
    lastAt: last,
    lines,
    errorLines: Math.min(errorLines2, lines),
    errorKinds: Object.fromEntries(errorKinds)
  };
}

// src/uuid/hash32.ts
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
var KEYS = crypto.getRandomValues(new Uint32Array(6));
var K0 = KEYS[0];
var K1 = KEYS[1];
var K2 = KEYS[2];
var K3 = KEYS[3];
var K4 = KEYS[4] | 1;
var BYTES_KEY = KEYS[5];
function spread(a, b, c, d) {
  const h = fmix(fmix(fmix(b ^ K1) ^ c ^ K2) ^ d ^ K3);
  return fmix(Math.imul(a ^ h ^ K0, K4));
}
function hashBytes(bytes, start, end) {
  let hash = BYTES_KEY ^ Math.imul(end - start, 2654435761);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    hash = Math.imul(
      hash ^ (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24),
      3432918353
    );
    hash = Math.imul(hash << 15 | hash >>> 17, 461845907);
  }
  for (; i < end; i += 1) hash = Math.imul(hash ^ bytes[i], 16777619);
  return fmix(hash) & 1073741823;
}

// src/uuid/packed-uuid-set.ts
var BUCKET_BITS = 16;
var BUCKETS = 1 << BUCKET_BITS;
var LOW_MASK = BUCKETS - 1;
var FIRST_PENDING = 1024;
var MAX_PENDING = 1 << 18;
var PENDING_SHARE = 4;
var COPY_NATIVE_FROM = 8;
function lowerBound(lows, lo, hi, low) {
  if (lo === hi) return lo;
  let from;
  let to;
  const guess = lo + Math.floor((hi - lo) * low / BUCKETS);
  if (lows[guess] < low) {
    let below = guess;
    let step = 1;
    for (; ; ) {
      const probe = below + step;
      if (probe >= hi) {
        to = hi;
        break;
      }
      if (lows[probe] >= low) {
        to = probe;
        break;
      }
      below = probe;
      step *= 2;
    }
    from = below + 1;
  } else {
    let atLeast = guess;
    let step = 1;
    for (; ; ) {
      const probe = atLeast - step;
      if (probe < lo) {
        from = lo;
        break;
      }
      if (lows[probe] < low) {
        from = probe + 1;
        break;
      }
      atLeast = probe;
      step *= 2;
    }
    to = atLeast;
  }
  while (from < to) {
    const middle = from + to >>> 1;
    if (lows[middle] < low) from = middle + 1;
    else to = middle;
  }
  return from;
}
function sameRest(rest, at, b, c, d) {
  return rest[at] === b && rest[at + 1] === c && rest[at + 2] === d;
}
var PackedUuidSet = class extends UuidWordsSink {
  #size = 0;
  /** Merged members in sorted order: the low 16 bits of x... */
  #lows;
  /** ...and b, c, d. */
  #rest;
  #maxSize;
  #merged = 0;
  /** Bucket k holds merged members [starts[k], starts[k + 1]). */
  #starts = new Uint32Array(BUCKETS + 1);
  /** Waiting members as (x, b, c, d), in the order they came. */
  #pending = new Uint32Array(FIRST_PENDING * 4);
  #pendingCount = 0;
  /** Open addressing over the waiting members: index + 1, or 0 for a free slot; twice as many slots as members. */
  #slots = new Int32Array(FIRST_PENDING * 2);
  /**
   * `maxSize` is how many members the set expects at most: at the first merge,
   * arrays for that many are allocated. They are zero-filled by the system's
   * calloc, which maps fresh pages for blocks this large and leaves them
   * untouched, so memory is taken only as members arrive: address space is
   * reserved, not memory. A set that outgrows it still works, at the cost of one copy.
   */
  constructor(maxSize = 1 << 20) {
    super();
    this.#maxSize = Math.max(1, maxSize);
    this.#lows = new Uint16Array(0);
    this.#rest = new Uint32Array(0);
  }
  get size() {
    return this.#size;
  }
  /** Adds a UUID given as four 32-bit words (big-endian); returns false when it was already there. */
  addWords(a, b, c, d) {
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const x = spread(a, b, c, d);
    if (this.#hasMerged(x, b, c, d)) return false;
    const pending = this.#pending;
    const slots = this.#slots;
    const mask = slots.length - 1;
    let slot = x & mask;
    for (; ; ) {
      const entry = slots[slot];
      if (entry === 0) break;
      const at2 = (entry - 1) * 4;
      if (pending[at2] === x && pending[at2 + 1] === b && pending[at2 + 2] === c && pending[at2 + 3] === d) return false;
      slot = slot + 1 & mask;
    }
    const index = this.#pendingCount;
    const at = index * 4;
    pending[at] = x;
    pending[at + 1] = b;
    pending[at + 2] = c;
    pending[at + 3] = d;
    slots[slot] = index + 1;
    this.#pendingCount = index + 1;
    this.#size += 1;
    if (this.#pendingCount * 4 === pending.length) this.#merge();
    return true;
  }
  #hasMerged(x, b, c, d) {
    const bucket = x >>> BUCKET_BITS;
    const hi = this.#starts[bucket + 1];
    const low = x & LOW_MASK;
    const lows = this.#lows;
    const rest = this.#rest;
    for (let i = lowerBound(lows, this.#starts[bucket], hi, low); i < hi && lows[i] === low; i += 1) {
      if (sameRest(rest, i * 3, b, c, d)) return true;
    }
    return false;
  }
  /** Moves every waiting member into the sorted array. */
  #merge() {
    const count = this.#pendingCount;
    const pending = this.#pending;
    const merged = this.#merged;
    const total = merged + count;
    this.#ensureCapacity(total);
    sortRecords(pending, 0, count, 24);
    const before = new Uint32Array(BUCKETS + 1);
    for (let i = 0; i < count; i += 1) before[(pending[i * 4] >>> BUCKET_BITS) + 1] += 1;
    for (let k = 1; k <= BUCKETS; k += 1) before[k] += before[k - 1];
    const lows = this.#lows;
    const rest = this.#rest;
    const starts = this.#starts;
    let end = merged;
    for (let j = count - 1; j >= 0; j -= 1) {
      const at = j * 4;
      const x = pending[at];
      const b = pending[at + 1];
      const c = pending[at + 2];
      const d = pending[at + 3];
      const bucket = x >>> BUCKET_BITS;
      const low = x & LOW_MASK;
      const hi = Math.min(starts[bucket + 1], end);
      const place = lowerBound(lows, Math.min(starts[bucket], hi), hi, low);
      const shift = j + 1;
      if (end - place >= COPY_NATIVE_FROM) {
        lows.copyWithin(place + shift, place, end);
        rest.copyWithin((place + shift) * 3, place * 3, end * 3);
      } else {
        for (let from = end - 1; from >= place; from -= 1) {
          const to2 = from + shift;
          lows[to2] = lows[from];
          rest[to2 * 3] = rest[from * 3];
          rest[to2 * 3 + 1] = rest[from * 3 + 1];
          rest[to2 * 3 + 2] = rest[from * 3 + 2];
        }
      }
      const to = place + j;
      lows[to] = low;
      rest[to * 3] = b;
      rest[to * 3 + 1] = c;
      rest[to * 3 + 2] = d;
      end = place;
    }
    for (let k = 0; k <= BUCKETS; k += 1) starts[k] += before[k];
    this.#merged = total;
    let capacity = pending.length / 4;
    if (capacity < MAX_PENDING && capacity * PENDING_SHARE < total) capacity *= 2;
    if (capacity * 4 !== pending.length) {
      this.#pending = new Uint32Array(capacity * 4);
      this.#slots = new Int32Array(capacity * 2);
    } else {
      this.#slots.fill(0);
    }
    this.#pendingCount = 0;
  }
  /** Room in the sorted array for `total` members: within the reservation, else by one copy into a larger one. */
  #ensureCapacity(total) {
    if (total <= this.#lows.length) return;
    const reserve = Math.max(total * 2, this.#maxSize);
    const lows = new Uint16Array(reserve);
    const rest = new Uint32Array(reserve * 3);
    lows.set(this.#lows.subarray(0, this.#merged));
    rest.set(this.#rest.subarray(0, this.#merged * 3));
    this.#lows = lows;
    this.#rest = rest;
  }
};
function sortRecords(words, from, to, shift) {
  if (to - from <= 16 || shift < 16) {
    for (let i = from + 1; i < to; i += 1) {
      const x = words[i * 4];
      if (words[(i - 1) * 4] <= x) continue;
      const b = words[i * 4 + 1];
      const c = words[i * 4 + 2];
      const d = words[i * 4 + 3];
      let into = i;
      for (; into > from && words[(into - 1) * 4] > x; into -= 1) {
        const at = into * 4;
        words[at] = words[at - 4];
        words[at + 1] = words[at - 3];
        words[at + 2] = words[at - 2];
        words[at + 3] = words[at - 1];
      }
      words[into * 4] = x;
      words[into * 4 + 1] = b;
      words[into * 4 + 2] = c;
      words[into * 4 + 3] = d;
    }
    return;
  }
  const heads = new Int32Array(257);
  for (let i = from; i < to; i += 1) heads[(words[i * 4] >>> shift & 255) + 1] += 1;
  heads[0] = from;
  for (let digit = 1; digit <= 256; digit += 1) heads[digit] += heads[digit - 1];
  const ends = heads.slice(1);
  for (let digit = 0; digit < 256; digit += 1) {
    while (heads[digit] < ends[digit]) {
      const at = heads[digit] * 4;
      const own = words[at] >>> shift & 255;
      if (own === digit) {
        heads[digit] += 1;
        continue;
      }
      const into = heads[own] * 4;
      heads[own] += 1;
      for (let w = 0; w < 4; w += 1) {
        const held = words[at + w];
        words[at + w] = words[into + w];
        words[into + w] = held;
      }
    }
  }
  for (let digit = 0, start = from; digit < 256; digit += 1) {
    sortRecords(words, start, ends[digit], shift - 8);
    start = ends[digit];
  }
}

// src/intake/dedupe.ts
function createDeduplicator(capacity) {
  const seen = new PackedUuidSet(capacity);
  return {
    first: (summary) => summary instanceof CompactSummary ? seen.addBytes(summary.bytes, summary.idAt) : seen.add(summary.session_id)
  };
}

// src/intake/intake-defaults.ts
var DEFAULT_LIMITS = {
  maxInputs: RUN_MAX_ARTIFACTS,
  maxBytes: RUN_MAX_BYTES,
  maxRecords: RUN_MAX_RECORDS
};
function defaultAdapter() {
  return {
    format: "session-summary",
    appName: null,
    appVersion: null,
    logPattern: compileLogPattern(DEFAULT_LOG_PATTERN)
  };
}

// src/records/fast-path/bytes.ts
var NEWLINE = 10;
var QUOTE = 34;
var COLON = 58;
var COMMA = 44;
var OPEN = 123;
var CLOSE = 125;
var OPEN_BRACKET = 91;
var CLOSE_BRACKET = 93;
function skip(b, i, end) {
  while (i < end) {
    const code = b[i];
    if (code !== 32 && code !== 9 && code !== 13) break;
    i += 1;
  }
  return i;
}
function plainString(b, i, end) {
  for (; i < end; i += 1) {
    const code = b[i];
    if (code === QUOTE) return i;
    if (code === 92 || code < 32 || code >= 127) return -1;
  }
  return -1;
}
function equalBytes(bytes, start, end, word) {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i += 1) if (bytes[start + i] !== word[i]) return false;
  return true;
}
function sameBytes(b, aStart, aEnd, bStart, bEnd) {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i += 1) if (b[aStart + i] !== b[bStart + i]) return false;
  return true;
}
function whichWord(bytes, start, end, words) {
  for (let index = 0; index < words.length; index += 1) if (equalBytes(bytes, start, end, words[index])) return index;
  return -1;
}
var ascii = new TextEncoder();
function encodeAll(words) {
  return words.map((word) => ascii.encode(word));
}

// src/records/parse-records.ts
var utf8 = new TextDecoder("utf-8", { fatal: true });
function blankLine(bytes, start, end) {
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i];
    if (byte !== 32 && byte !== 9 && byte !== 13) return false;
  }
  return true;
}
var BACKSLASH = 92;
function jsonDepth(text, limit) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE || code === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
}
function decode(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
function manyBrackets(text, limit) {
  let seen = 0;
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1)) if (++seen > limit) return true;
  for (let i = text.indexOf("["); i !== -1; i = text.indexOf("[", i + 1)) if (++seen > limit) return true;
  return false;
}
function tryParse(text, maxDepth) {
  if (manyBrackets(text, maxDepth) && jsonDepth(text, maxDepth) > maxDepth)
    return { ok: false, reason: "record-too-deep" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reason: "invalid-json" };
  }
}
function* parseRecords(bytes, format) {
  if (format === "json" && bytes.byteLength > JSON_FILE_MAX_BYTES) {
    yield { ok: false, reason: "file-too-large" };
    return;
  }
  if (format === "json") {
    const text = decode(bytes);
    if (text === null) {
      yield { ok: false, reason: "not-utf8" };
      return;
    }
    const parsed = tryParse(text, RECORD_MAX_DEPTH + 1);
    if (parsed.ok && Array.isArray(parsed.value)) {
      for (const value of parsed.value) yield { ok: true, value };
    } else if (parsed.ok && bytes.byteLength > RECORD_MAX_BYTES) {
      yield { ok: false, reason: "record-too-large" };
    } else {
      yield parsed;
    }
    return;
  }
  const records = [];
  eachLine(bytes, (block, start, end) => {
    const record = parseLine(block, start, end);
    if (record) records.push(record);
    return true;
  });
  yield* records;
}
var LEAVE_LINE = -1;
var STOP_READING = -2;
function eachLine(bytes, sink, first) {
  let start = hasBom(bytes) ? 3 : 0;
  const length = bytes.byteLength;
  while (start < length) {
    if (first) {
      const taken = first(bytes, start);
      if (taken === STOP_READING) return false;
      if (taken !== LEAVE_LINE) {
        start = taken + 1;
        continue;
      }
    }
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = length;
    if (!sink(bytes, start, end)) return false;
    start = end + 1;
  }
  return true;
}
function hasBom(bytes) {
  return bytes.byteLength >= 3 && bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
}
function parseLine(bytes, start, end) {
  if (end - start > RECORD_MAX_BYTES) return { ok: false, reason: "record-too-large" };
  if (blankLine(bytes, start, end)) return null;
  const line = decode(bytes.subarray(start, end));
  return line === null ? { ok: false, reason: "not-utf8" } : tryParse(line, RECORD_MAX_DEPTH);
}
async function* lineBlocks(chunks, maxLine = RECORD_MAX_BYTES) {
  let parts = [];
  let partLength = 0;
  let skipping = false;
  let first = true;
  const keep = (piece) => {
    parts.push(piece);
    partLength += piece.byteLength;
  };
  const joined = (tail) => {
    const out = concatAll(tail ? [...parts, tail] : parts);
    parts = [];
    partLength = 0;
    return out;
  };
  for await (const chunk of chunks) {
    let bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first) {
      if (partLength + bytes.byteLength < 3) {
        keep(bytes.slice());
        continue;
      }
      if (partLength > 0) bytes = joined(bytes);
      if (hasBom(bytes)) bytes = bytes.subarray(3);
      first = false;
    }
    let start = 0;
    if (partLength > 0 || skipping) {
      const newline = bytes.indexOf(NEWLINE);
      if (newline === -1) {
        if (!skipping) {
          keep(bytes.slice());
          if (partLength > maxLine) {
            yield joined().subarray(0, maxLine + 1);
            skipping = true;
          }
        }
        continue;
      }
      if (skipping) skipping = false;
      else {
        const line = joined(bytes.subarray(0, newline));
        yield line.byteLength > maxLine ? line.subarray(0, maxLine + 1) : line;
      }
      start = newline + 1;
    }
    const last = bytes.lastIndexOf(NEWLINE);
    const whole = last >= start ? bytes.subarray(start, last) : null;
    if (whole) start = last + 1;
    const rest = bytes.byteLength - start;
    let tooLong = null;
    if (rest > maxLine) {
      tooLong = bytes.slice(start, start + maxLine + 1);
      skipping = true;
    } else if (rest > 0) {
      keep(bytes.slice(start));
    }
    if (whole) yield whole;
    if (tooLong) yield tooLong;
  }
  if (partLength > 0 && !skipping) {
    const tail = joined();
    yield first && hasBom(tail) ? tail.subarray(3) : tail;
  }
}
function concatAll(pieces) {
  if (pieces.length === 1) return pieces[0];
  let length = 0;
  for (const piece of pieces) length += piece.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.byteLength;
  }
  return out;
}

// src/records/privacy-guard.ts
import { isIPv6 } from "node:net";

// src/records/secret-shapes.ts
var VENDOR_TOKENS = [
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/,
  // Stripe secret, restricted and publishable keys
  /\bwhsec_[A-Za-z0-9]{24,}/,
  // Stripe webhook secrets
  /\bnpm_[A-Za-z0-9]{36}\b/,
  // npm access tokens
  /\bhf_[A-Za-z]{30,}/,
  // Hugging Face tokens
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  // GitLab personal access tokens
  /\bgl(?:dt|ptt|rt|cbt|imt|agent|oas|soat)-[A-Za-z0-9_-]{20,}/,
  // other GitLab tokens
  /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/,
  // OpenAI keys
  /\bsk-ant-[A-Za-z0-9_-]{32,}/,
  // Anthropic keys
  /\bAIza[0-9A-Za-z_-]{35}/,
  // Google API keys
  /\bya29\.[0-9A-Za-z_-]{30,}/,
  // Google OAuth access tokens
  /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{20,}/,
  // SendGrid keys
  /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/,
  // Shopify tokens
  /\bpypi-AgE[A-Za-z0-9_-]{40,}/,
  // PyPI upload tokens
  /\bdop_v1_[a-f0-9]{64}\b/,
  // DigitalOcean tokens
  /\bdapi[a-f0-9]{32}\b/,
  // Databricks tokens
  /\bkey-[0-9a-zA-Z]{32}\b/,
  // Mailgun keys
  /\bsq0(?:atp|csp)-[0-9A-Za-z_-]{22,}/,
  // Square tokens
  /\bSK[0-9a-fA-F]{32}\b/,
  // Twilio API keys
  /\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]{32,}/,
  // Slack app tokens
  /\bAccountKey=[A-Za-z0-9+/]{40,}={0,2}/,
  // Azure storage connection strings
  /\bdckr_pat_[A-Za-z0-9_-]{20,}/,
  // Docker Hub tokens
  /\bnpm_[A-Za-z0-9]{20,}/,
  // npm tokens of other lengths
  /\b(?:ATATT|ATCTT)3[A-Za-z0-9_=-]{30,}/,
  // Atlassian API tokens
  /\bglc_[A-Za-z0-9+/]{32,}={0,2}/,
  // Grafana cloud tokens
  /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/
  // Airtable tokens
];
var ANY_VENDOR_TOKEN = new RegExp(VENDOR_TOKENS.map((pattern) => `(?:${pattern.source})`).join("|"));
function entropyBits(text) {
  const counts = /* @__PURE__ */ new Map();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}
var RANDOM_MIN_LENGTH = 20;
var HASH_LENGTHS = /* @__PURE__ */ new Set([40, 64]);
function looksRandom(token) {
  const core = token.replace(/^[-_+/=]+|[-_+/=]+$/g, "");
  if (core.length < RANDOM_MIN_LENGTH) return false;
  let lower = 0;
  let upper = 0;
  let digits = 0;
  let other = 0;
  let letterDigitSwitches = 0;
  let caseSwitches = 0;
  let previous = "";
  for (const char of core) {
    const kind = char >= "a" && char <= "z" ? "l" : char >= "A" && char <= "Z" ? "u" : char >= "0" && char <= "9" ? "d" : "o";
    if (kind === "l") lower += 1;
    else if (kind === "u") upper += 1;
    else if (kind === "d") digits += 1;
    else other += 1;
    if (previous !== "" && kind !== "o" && previous !== "o" && kind !== previous) {
      if (kind === "d" || previous === "d") letterDigitSwitches += 1;
      else caseSwitches += 1;
    }
    previous = kind;
  }
  const letters = lower + upper;
  if (/^[0-9a-fA-F]+$/.test(core)) {
    return !HASH_LENGTHS.has(core.length) && core.length >= 24 && digits > 0 && letters > 0 && !(lower > 0 && upper > 0);
  }
  if (entropyBits(core) < 3.5) return false;
  if (digits >= 3 && letters >= 6 && letterDigitSwitches >= 6) return true;
  const upperShare = letters === 0 ? 0 : upper / letters;
  const lowerRuns = core.match(/[a-z]+/g) ?? [];
  const single = lowerRuns.length - (core.match(/[a-z]{2,}/g) ?? []).length - (core.match(SHORT_WORDS) ?? []).length;
  const choppy = single >= 3 && single >= 0.3 * lowerRuns.length || single >= 1 && letterDigitSwitches >= 2;
  return letters >= RANDOM_MIN_LENGTH - other && upperShare >= 0.25 && upperShare <= 0.75 && caseSwitches >= 6 && choppy;
}
var TOKEN_RUN = /[A-Za-z0-9_+/=-]{20,}/g;
var SHORT_WORDS = /(?:Of|Is|On|In|At|To|By|Or|An|As|Up|Io|Os|Id|No|If|Do|Go|Ok)(?=[A-Z0-9]|$)/g;
function secretRuleFor(value) {
  if (value.length < 12) return null;
  if (ANY_VENDOR_TOKEN.test(value)) return "vendor-token";
  if (value.length < RANDOM_MIN_LENGTH) return null;
  for (const run of value.match(TOKEN_RUN) ?? []) {
    const pieces = run.split(/[-_+/=]/);
    for (const piece of pieces) if (looksRandom(piece)) return "random-token";
    if (/[+/]/.test(run) && !pieces.some((piece) => /^g?[0-9a-fA-F]{7,}$/.test(piece)) && looksRandom(run.replace(/[-_]/g, "")))
      return "random-token";
  }
  return null;
}

// src/records/privacy-guard.ts
var OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV6_CANDIDATE = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;
function holdsIpv6(value) {
  for (const candidate of value.match(IPV6_CANDIDATE) ?? []) {
    const groups = candidate.split(":").filter((group) => group.length > 0).length;
    if (groups >= 3 && isIPv6(candidate)) return true;
  }
  return false;
}
function hasAtLeast(value, char, count) {
  let seen = 0;
  for (let i = value.indexOf(char); i !== -1; i = value.indexOf(char, i + 1)) if (++seen >= count) return true;
  return false;
}
var RULES = [
  // Before e-mail: "user:password@host" would read as an address otherwise.
  ["url-credentials", (v) => v.includes("://") && v.includes("@"), /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/],
  // Local part: RFC 5322 atext and dots.
  ["email", (v) => v.includes("@"), /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  [
    "ipv4",
    (v) => v.length >= 7 && hasAtLeast(v, ".", 3),
    new RegExp(`(?<![\\d.])${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?![\\d]|\\.\\d)`)
  ],
  ["ipv6", (v) => v.includes("::") || hasAtLeast(v, ":", 7), holdsIpv6],
  ["github-token", (v) => v.includes("_"), /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ["aws-key", (v) => v.includes("AKIA") || v.includes("ASIA"), /(?:AKIA|ASIA)[0-9A-Z]{16}/],
  ["slack-token", (v) => v.includes("xox"), /xox[abposr]-[A-Za-z0-9-]{8,}/],
  ["jwt", (v) => v.includes("eyJ"), /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  [
    "bearer-token",
    (v) => v.length > 14 && (v.includes("earer") || v.includes("EARER")),
    /Bearer\s+[A-Za-z0-9._~+/-]{8,}=*/i
  ],
  [
    "pem-block",
    (v) => v.includes("-----BEGIN"),
    /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE|PUBLIC KEY)[A-Z ]*-----/
  ],
  [
    "home-path",
    (v) => v.includes("/") || v.includes("\\"),
    /(?:^|[\s"'=(:])(?:\/home\/|\/Users\/|\/root\/|[A-Za-z]:\\{1,2}Users\\{1,2}|~\/)[^\s/\\]+/i
  ]
];
function privacyRuleFor(value) {
  for (const [rule, could, test] of RULES) {
    if (could(value) && (typeof test === "function" ? test(value) : test.test(value))) return rule;
  }
  return secretRuleFor(value);
}
function escapeSegment(key) {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}
function search(node, skipKeys) {
  if (typeof node === "string") {
    const rule = privacyRuleFor(node);
    return rule ? { segments: [], rule } : null;
  }
  if (node === null || typeof node !== "object") return null;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      const found = search(node[index], skipKeys);
      if (found) {
        found.segments.push(String(index));
        return found;
      }
    }
    return null;
  }
  for (const key in node) {
    if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
    if (!skipKeys.has(key)) {
      const rule = privacyRuleFor(key);
      if (rule) return { segments: [escapeSegment(key)], rule };
    }
    const found = search(node[key], skipKeys);
    if (found) {
      found.segments.push(escapeSegment(key));
      return found;
    }
  }
  return null;
}
function findPrivateData(value, safePath2, knownKeys = /* @__PURE__ */ new Set()) {
  const found = search(value, knownKeys);
  if (!found) return null;
  return {
    path: safePath2(found.segments.length > 0 ? `/${found.segments.reverse().join("/")}` : ""),
    rule: found.rule
  };
}

// src/records/timestamp.ts
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
var DAY_MS = 864e5;
var COLON2 = 58;
function two(b, at) {
  const high = b[at] - 48;
  const low = b[at + 1] - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : -1;
}
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
var monthYear = 1970;
var monthNumber = 1;
var monthLength = 31;
var monthStart = 0;
function startMonth(year, month) {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  monthYear = year;
  monthNumber = month;
  monthLength = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  monthStart = daysFromCivil(year, month, 1);
}
function timestampMs(b, start, end) {
  const s = start;
  if (end - s < 20) return Number.NaN;
  const century = two(b, s);
  const yearOfCentury = two(b, s + 2);
  const year = century < 0 || yearOfCentury < 0 ? -1 : century * 100 + yearOfCentury;
  const month = two(b, s + 5);
  const day = two(b, s + 8);
  const hour = two(b, s + 11);
  const minute = two(b, s + 14);
  const second = two(b, s + 17);
  const separator = b[s + 10];
  if (year < 0 || b[s + 4] !== 45 || b[s + 7] !== 45 || separator !== 84 && separator !== 116 && separator !== 32)
    return Number.NaN;
  if (b[s + 13] !== COLON2 || b[s + 16] !== COLON2 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return Number.NaN;
  if (year !== monthYear || month !== monthNumber) startMonth(year, month);
  if (day > monthLength) return Number.NaN;
  let at = s + 19;
  let millis = 0;
  if (b[at] === 46) {
    const from = at + 1;
    for (at = from; at < end && b[at] >= 48 && b[at] <= 57; at += 1) {
      if (at - from < 3) millis += (b[at] - 48) * (at === from ? 100 : at === from + 1 ? 10 : 1);
    }
    if (at === from || at - from > 9) return Number.NaN;
  }
  if (at >= end) return Number.NaN;
  const zone = b[at];
  let offset = 0;
  if (zone === 90 || zone === 122) {
    at += 1;
  } else if (zone === 43 || zone === 45) {
    if (at + 6 > end || b[at + 3] !== COLON2) return Number.NaN;
    const hours = two(b, at + 1);
    const minutes = two(b, at + 4);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN;
    offset = (hours * 60 + minutes) * 6e4 * (zone === 43 ? 1 : -1);
    at += 6;
  } else {
    return Number.NaN;
  }
  if (at !== end) return Number.NaN;
  return (monthStart + day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1e3 + millis - offset;
}
var scratch = new Uint8Array(64);
function parseTimestamp(text) {
  if (text.length < 20 || text.length > 40) return Number.NaN;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 127) return Number.NaN;
    scratch[i] = code;
  }
  return timestampMs(scratch, 0, text.length);
}
function isDateTime(text) {
  return !Number.isNaN(parseTimestamp(text));
}

// src/records/fast-path/field-readers.ts
var MAX_SLOTS = 30;
var FAST = FIELD_TABLE.fast && CONFIG_FIELDS.length <= MAX_SLOTS;
var V_SESSION = 64;
var V_INSTALL = 65;
var V_STARTED = 66;
var V_ENDED = 67;
var V_LOG = 68;
var V_ERROR = 69;
var V_OUTCOME = 70;
var V_KINDS = 71;
var V_CONST = 72;
var V_OBJECT = 73;
var ROLE_VALUES = {
  session_id: V_SESSION,
  install_id: V_INSTALL,
  started_at: V_STARTED,
  ended_at: V_ENDED,
  log_lines: V_LOG,
  error_lines: V_ERROR
};
function valueOf(field) {
  switch (field.kind) {
    case "const":
      return V_CONST;
    case "uuid":
    case "timestamp":
    case "count":
      return ROLE_VALUES[field.name] ?? -1;
    case "outcome":
      return V_OUTCOME;
    case "kinds":
      return V_KINDS;
    case "leaf":
      return CONFIG_FIELDS[field.slot].kind === "slow" ? -1 : field.slot;
    case "object":
      return field.slots.some((slot) => CONFIG_FIELDS[slot].kind === "slow") ? -1 : V_OBJECT;
    case "slow":
      return -1;
  }
}
var ascii2 = new TextEncoder();
var TOP_READERS = FIELD_TABLE.top.map((field, position) => ({ field, position })).filter(({ field }) => valueOf(field) >= 0).map(({ field }, index) => {
  const slots = field.kind === "object" ? field.slots : [];
  return {
    name: ascii2.encode(field.name),
    bit: 1 << index,
    value: valueOf(field),
    field,
    keys: slots.map((slot) => ascii2.encode(CONFIG_FIELDS[slot].key)),
    slots,
    requiredSlots: slots.filter((slot) => CONFIG_FIELDS[slot].required)
  };
});
var REQUIRED_BITS = FIELD_TABLE.top.every((field) => !field.required || valueOf(field) >= 0) ? TOP_READERS.filter((reader) => reader.field.required).reduce((bits, reader) => bits | reader.bit, 0) : -1;
var READERS_BY_FIRST = Array.from(
  { length: 128 },
  (_, code) => TOP_READERS.filter((reader) => reader.name[0] === code)
);
function classTable(first, rest) {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code += 1) {
    const word = code >>> 5;
    const bit = 1 << (code & 31);
    table[code] = ((first[word] ?? 0) & bit ? 1 : 0) | ((rest[word] ?? 0) & bit ? 2 : 0);
  }
  return table;
}
var SLOT_ENUM = Uint8Array.from(CONFIG_FIELDS, (field) => field.kind === "enum" ? 1 : 0);
var SLOT_CLASSES = new Uint8Array(Math.max(CONFIG_FIELDS.length, 1) * 128);
CONFIG_FIELDS.forEach((field, slot) => SLOT_CLASSES.set(classTable(field.first, field.rest), 128 * slot));
var SLOT_MIN = Int32Array.from(CONFIG_FIELDS, (field) => field.min);
var SLOT_MAX = Int32Array.from(CONFIG_FIELDS, (field) => field.max);
var SLOT_WORDS = CONFIG_FIELDS.map((field) => encodeAll(field.values));
var MAX_KEY_BYTES = CONFIG_FIELDS.reduce((sum, field) => sum + 2 + Math.max(field.max, 1), 0);
function roleOf(kind, name) {
  const field = FIELD_TABLE.top.find((top) => top.kind === kind && (name === void 0 || top.name === name));
  return field ?? null;
}
var OUTCOME_BYTES = encodeAll(OUTCOME_VALUES);
var logLines = roleOf("count", "log_lines");
var errorLines = roleOf("count", "error_lines");
var LOG_BOUNDS = logLines ? { min: logLines.min, max: logLines.max } : { min: 0, max: 0 };
var ERROR_BOUNDS = errorLines ? { min: errorLines.min, max: errorLines.max } : { min: 0, max: 0 };
var started = roleOf("timestamp", "started_at");
var ended = roleOf("timestamp", "ended_at");
var STARTED_MAX = started ? started.max : 0;
var ENDED_MAX = ended ? ended.max : 0;
var kinds = roleOf("kinds");
var KINDS = kinds ? {
  dotted: kinds.dotted,
  classes: classTable(kinds.first, kinds.rest),
  minLength: kinds.minLength,
  maxLength: kinds.maxLength,
  maxKinds: kinds.maxKinds,
  forbidden: encodeAll(kinds.forbidden),
  min: kinds.min,
  max: kinds.max
} : {
  dotted: false,
  classes: new Uint8Array(128),
  minLength: 1,
  maxLength: 0,
  maxKinds: 0,
  forbidden: [],
  min: 1,
  max: 0
};
var constant = roleOf("const");
var CONST_VALUE = constant ? constant.value : -1;

// src/records/fast-path/intern-table.ts
var MAX_INTERNED = 65536;
var MAX_BUCKET = 8;
var latin1 = new TextDecoder("latin1");
var InternTable = class {
  #byHash = /* @__PURE__ */ new Map();
  #size = 0;
  #make;
  constructor(make) {
    this.#make = make;
  }
  /** The value for these bytes; undefined when they are new and the table or their bucket is full. */
  find(bytes, start, end, hash = hashBytes(bytes, start, end)) {
    let bucket = this.#byHash.get(hash);
    if (bucket) {
      for (const entry2 of bucket) if (equalBytes(bytes, start, end, entry2.key)) return entry2;
    }
    if (this.#size >= MAX_INTERNED || bucket && bucket.length >= MAX_BUCKET) return void 0;
    const key = bytes.slice(start, end);
    const entry = { key, value: this.#make(latin1.decode(key)) };
    if (!bucket) {
      bucket = [];
      this.#byHash.set(hash, bucket);
    }
    bucket.push(entry);
    this.#size += 1;
    return entry;
  }
};

// src/records/fast-path/layout.ts
function layoutOf(b, start, lineEnd, kinds2, starts, ends, installed, nulls) {
  const count = kinds2.length;
  const literals = [];
  let from = start;
  for (let k = 0; k < count; k += 1) {
    literals.push(b.slice(from, starts[k]));
    from = ends[k];
  }
  literals.push(b.slice(from, lineEnd));
  const wordStarts = new Int32Array(literals.length + 1);
  for (let k = 0; k < literals.length; k += 1) wordStarts[k + 1] = wordStarts[k] + (literals[k].length >>> 2);
  const words = new Uint32Array(wordStarts[literals.length]);
  const tails = new Uint32Array(literals.length);
  const lengths = Int32Array.from(literals, (literal) => literal.length);
  for (const [k, literal] of literals.entries()) {
    const view = new DataView(literal.buffer, literal.byteOffset, literal.byteLength);
    for (let w = 0; w < literal.length >>> 2; w += 1) words[wordStarts[k] + w] = view.getUint32(4 * w, true);
    if (literal.length >= 4) tails[k] = view.getUint32(literal.length - 4, true);
  }
  return {
    values: kinds2,
    literals,
    words,
    wordStarts,
    tails,
    lengths,
    installed,
    nulls,
    hasKinds: kinds2.includes(V_KINDS),
    shared: /* @__PURE__ */ new Map()
  };
}
function sharedSteps(a, b) {
  const steps = Math.min(a.values.length, b.values.length);
  let k = 0;
  while (k < steps && a.values[k] === b.values[k] && equalBytes(a.literals[k], 0, a.literals[k].length, b.literals[k]))
    k += 1;
  return k;
}
function addLayout(layouts, layout, max) {
  if (layouts.length === max) {
    const dropped = layouts.pop();
    for (const other of layouts) other.shared.delete(dropped);
  }
  for (const other of layouts) {
    const steps = sharedSteps(layout, other);
    layout.shared.set(other, steps);
    other.shared.set(layout, steps);
  }
  layouts.unshift(layout);
}

// src/records/fast-path/summary-scanner.ts
var SLOTS = CONFIG_FIELDS.length;
var ENUM = SLOT_ENUM;
var CLASSES = SLOT_CLASSES;
var MIN = SLOT_MIN;
var MAX = SLOT_MAX;
var WORDS = SLOT_WORDS;
var LOG_MIN = LOG_BOUNDS.min;
var LOG_MAX = LOG_BOUNDS.max;
var ERROR_MIN = ERROR_BOUNDS.min;
var ERROR_MAX = ERROR_BOUNDS.max;
var STARTED_LENGTH = STARTED_MAX;
var ENDED_LENGTH = ENDED_MAX;
var OUTCOME_WORDS = OUTCOME_BYTES;
var BY_FIRST = READERS_BY_FIRST;
var KINDS_BIT = TOP_READERS.find((reader) => reader.value === V_KINDS)?.bit ?? 0;
var SLAB_BYTES = 1 << 16;
var MAX_VALUES = TOP_READERS.length + SLOTS;
var MAX_LAYOUTS = 4;
var RELEARN_AFTER = 256;
var FREE_TEXT = CONFIG_FIELDS.map((field) => field.kind === "string");
function configFromKey(text) {
  const values = [];
  let at = 0;
  for (let slot = 0; slot < SLOTS; slot += 1) {
    const tag = text.charCodeAt(at);
    const length = tag === 2 ? text.charCodeAt(at + 1) : 0;
    const value = tag === 3 ? CONFIG_FIELDS[slot].values[text.charCodeAt(at + 1)] : tag === 2 ? text.slice(at + 2, at + 2 + length) : tag === 1 ? null : void 0;
    if (tag === 2 && FREE_TEXT[slot] && privacyRuleFor(value) !== null) return null;
    values.push(value);
    at += 2 + length;
  }
  return configOf(values);
}
function readerAt(b, start, end) {
  const first = b[start];
  if (first >= 128) return null;
  const readers = BY_FIRST[first];
  for (let n = 0; n < readers.length; n += 1) {
    const reader = readers[n];
    const close = start + reader.name.length;
    if (close < end && b[close] === QUOTE && equalBytes(b, start, close, reader.name)) return reader;
  }
  return null;
}
var SummaryScanner = class {
  #configs = new InternTable(configFromKey);
  #kinds = new InternTable((kind) => privacyRuleFor(kind) === null ? kind : null);
  /** Where the IDs of accepted sessions are kept; a new slab when this one is full. */
  #slab = new Uint8Array(SLAB_BYTES);
  #slabAt = 0;
  #key = new Uint8Array(MAX_KEY_BYTES);
  /** The key of the last configuration found, and that configuration (null before the first). */
  #lastKey = new Uint8Array(MAX_KEY_BYTES);
  #lastConfig = null;
  /** Spans of the configuration's values: [start, end) pairs, by slot; -1 when absent. */
  #spans = new Int32Array(Math.max(SLOTS, 1) * 2);
  /** Of enum slots: which of its values. */
  #codes = new Uint8Array(Math.max(SLOTS, 1));
  /** Error kinds of the current line: spans and counts. */
  #kindSpans = new Int32Array(Math.max(KINDS.maxKinds, 1) * 2);
  #kindCounts = new Float64Array(Math.max(KINDS.maxKinds, 1));
  #kindCount = 0;
  // Values of the current line.
  #number = 0;
  #ms = 0;
  /** Length of the last date-time read (see #timestamp). */
  #timestampLength = 24;
  #code = 0;
  /** Slots the line sets to null, one bit each. */
  #nulls = 0;
  #installed = false;
  /** Known layouts, and what the scan records of a line's values to learn one (see Layout). */
  #layouts = [];
  #sinceLearnt = 0;
  #recording = false;
  #valueStarts = new Int32Array(MAX_VALUES);
  #valueEnds = new Int32Array(MAX_VALUES);
  #valueKinds = new Uint8Array(MAX_VALUES);
  #valueCount = 0;
  #viewed = null;
  #view = new DataView(new ArrayBuffer(0));
  /** Where the last layout failed to match: at the literal (or, with #failedInValue, the value) of this step, at this byte. */
  #failedStep = 0;
  #failedInValue = false;
  #failedAt = 0;
  // Values of the line a layout is reading, kept across a resumed match (see scanLine).
  #started = 0;
  #ended = 0;
  #logLines = 0;
  #errorLines = 0;
  #outcome = -1;
  /** Where the line read by the last successful scan or scanLine ends: at its newline, or the end of the bytes. */
  lineEnd = 0;
  /** Lines scanLine read by a known layout (see Layout). */
  linesByLayout = 0;
  /** The summary on bytes [start, end), or null when the line must take the full way. */
  scan(bytes, start, end) {
    return FAST ? this.#scan(bytes, start, end, false) : null;
  }
  /**
   * The summary on the line that starts at `start`, or null when it must take
   * the full way; its end goes to `lineEnd`. The scan finds the end of the line
   * as it reads (a newline cannot occur inside a summary it takes), which
   * spares the caller a search for the newline.
   */
  scanLine(bytes, start) {
    if (!FAST) return null;
    const layouts = this.#layouts;
    let failed = null;
    for (let n = 0; n < layouts.length; n += 1) {
      const layout = layouts[n];
      let from = 0;
      let at = start;
      if (failed) {
        const shared = failed.shared.get(layout) ?? 0;
        if (this.#failedStep < shared) continue;
        if (this.#failedStep === shared && !this.#failedInValue) {
          from = shared;
          at = this.#failedAt;
        }
      }
      const summary2 = this.#matchLayout(layout, bytes, from, at);
      if (!summary2) {
        failed = layout;
        continue;
      }
      for (let m = n; m > 0; m -= 1) layouts[m] = layouts[m - 1];
      layouts[0] = layout;
      this.linesByLayout += 1;
      return summary2;
    }
    this.#sinceLearnt += 1;
    if (layouts.length === MAX_LAYOUTS && this.#sinceLearnt < RELEARN_AFTER)
      return this.#scan(bytes, start, bytes.length, true);
    this.#recording = true;
    this.#valueCount = 0;
    const summary = this.#scan(bytes, start, bytes.length, true);
    this.#recording = false;
    if (summary) {
      const count = this.#valueCount;
      const layout = layoutOf(
        bytes,
        start,
        this.lineEnd,
        this.#valueKinds.slice(0, count),
        this.#valueStarts,
        this.#valueEnds,
        this.#installed,
        this.#nulls
      );
      addLayout(this.#layouts, layout, MAX_LAYOUTS);
      this.#sinceLearnt = 0;
    }
    return summary;
  }
  /** While the scan records a layout: the value of `kind` spans [start, end). */
  #value(kind, start, end) {
    const n = this.#valueCount;
    this.#valueKinds[n] = kind;
    this.#valueStarts[n] = start;
    this.#valueEnds[n] = end;
    this.#valueCount = n + 1;
  }
  /**
   * The line at byte `i` read by a known layout from its literal `from` on (the
   * values before it read already), or null when it does not follow it: where,
   * in #failedStep and the fields after it.
   */
  #matchLayout(layout, b, from, i) {
    const end = b.length;
    const idAt = this.#newIds();
    if (from === 0) this.#reset(layout.installed, layout.nulls);
    else {
      this.#installed = layout.installed;
      this.#nulls = layout.nulls;
    }
    const { values, words, wordStarts, tails, lengths } = layout;
    const view = this.#viewOf(b);
    for (let k = from; k <= values.length; k += 1) {
      const length = lengths[k];
      let same = i + length <= end;
      if (same) {
        const last = wordStarts[k + 1];
        for (let w = wordStarts[k], at = i; w < last; w += 1, at += 4) {
          if (view.getUint32(at, true) !== words[w]) {
            same = false;
            break;
          }
        }
        if (same && (length & 3) !== 0) {
          if (length >= 4) same = view.getUint32(i + length - 4, true) === tails[k];
          else for (let j = 0; same && j < length; j += 1) same = b[i + j] === layout.literals[k][j];
        }
      }
      if (!same) {
        this.#failedStep = k;
        this.#failedInValue = false;
        this.#failedAt = i;
        return null;
      }
      i += length;
      if (k === values.length) break;
      i = this.#readValue(values[k], b, i, end, idAt);
      if (i < 0) {
        this.#failedStep = k;
        this.#failedInValue = true;
        return null;
      }
    }
    if (i !== end && b[i] !== NEWLINE) {
      this.#failedStep = values.length + 1;
      return null;
    }
    return this.#finish(b, i, idAt, layout.hasKinds);
  }
  /** A DataView of the bytes being read, made once per buffer. */
  #viewOf(b) {
    if (this.#viewed !== b) {
      this.#viewed = b;
      this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    return this.#view;
  }
  /** Where the next summary's IDs go: room for two in the slab. */
  #newIds() {
    if (this.#slabAt + 32 > this.#slab.length) {
      this.#slab = new Uint8Array(SLAB_BYTES);
      this.#slabAt = 0;
    }
    return this.#slabAt;
  }
  /** With `toNewline`, the line may end at a newline before `end`. */
  #scan(bytes, start, end, toNewline) {
    const b = end < bytes.length && bytes[end] !== NEWLINE ? bytes.subarray(0, end) : bytes;
    const idAt = this.#newIds();
    const recording = this.#recording;
    this.#reset(false, 0);
    let seen = 0;
    let i = skip(b, start, end);
    if (b[i] !== OPEN) return null;
    i = skip(b, i + 1, end);
    for (; ; ) {
      if (b[i] !== QUOTE || i + 1 >= end) return null;
      const reader = readerAt(b, i + 1, end);
      if (reader === null || (seen & reader.bit) !== 0) return null;
      seen |= reader.bit;
      i = skip(b, i + 2 + reader.name.length, end);
      if (b[i] !== COLON) return null;
      i = skip(b, i + 1, end);
      const valueAt = i;
      const value = reader.value;
      if (value === V_CONST) {
        i = this.#count(b, i, end, CONST_VALUE);
        if (i < 0 || this.#number !== CONST_VALUE) return null;
      } else if (value === V_OBJECT) {
        i = this.#object(reader, b, i, end);
      } else if (value < V_SESSION && b[i] === 110) {
        i = this.#null(value, b, i, end);
      } else {
        i = this.#readValue(value, b, i, end, idAt);
        if (value === V_INSTALL) this.#installed = true;
        if (recording && i >= 0) this.#value(value, valueAt, i);
      }
      if (i < 0) return null;
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE) return null;
      i = skip(b, i + 1, end);
      break;
    }
    if (i !== end && !(toNewline && b[i] === NEWLINE) || (seen & REQUIRED_BITS) !== REQUIRED_BITS) return null;
    return this.#finish(b, i, idAt, (seen & KINDS_BIT) !== 0);
  }
  /** Forgets the values of the line read before. */
  #reset(installed, nulls) {
    this.#spans.fill(-1);
    this.#kindCount = 0;
    this.#installed = installed;
    this.#nulls = nulls;
    this.#started = 0;
    this.#ended = 0;
    this.#logLines = 0;
    this.#errorLines = 0;
    this.#outcome = -1;
  }
  /** `null` for the configuration field in `slot`, when the schema allows it. */
  #null(slot, b, i, end) {
    if (!CONFIG_FIELDS[slot].nullable || i + 4 > end || b[i + 1] !== 117 || b[i + 2] !== 108 || b[i + 3] !== 108)
      return -1;
    this.#nulls |= 1 << slot;
    return i + 4;
  }
  /**
   * A value of `kind` at `i` (the values a layout reads, and the scan all its
   * plain ones): its end, or -1. What it holds goes to the spans or the fields
   * of the current line.
   */
  #readValue(kind, b, i, end, idAt) {
    switch (kind) {
      case 64:
        return this.#uuid(b, i, end, idAt);
      case 65:
        return this.#uuid(b, i, end, idAt + 16);
      case 66:
        i = this.#timestamp(b, i, end, STARTED_LENGTH);
        this.#started = this.#ms;
        return i;
      case 67:
        i = this.#timestamp(b, i, end, ENDED_LENGTH);
        this.#ended = this.#ms;
        return i;
      case 68:
        i = this.#count(b, i, end, LOG_MAX);
        this.#logLines = this.#number;
        return this.#number < LOG_MIN ? -1 : i;
      case 69:
        i = this.#count(b, i, end, ERROR_MAX);
        this.#errorLines = this.#number;
        return this.#number < ERROR_MIN ? -1 : i;
      case 70:
        i = this.#word(b, i, end, OUTCOME_WORDS);
        this.#outcome = this.#code;
        return i;
      case 71:
        return this.#errorKinds(b, i, end);
      default:
        return this.#slotValue(kind, b, i, end);
    }
  }
  /** The rules across fields, the shared configuration and error kinds, and the summary of a line read up to its end `i`. */
  #finish(b, i, idAt, hasKinds) {
    if (this.#ended < this.#started || this.#errorLines > this.#logLines) return null;
    const config = this.#config(b);
    if (!config) return null;
    let kinds2;
    if (hasKinds) {
      kinds2 = {};
      for (let k = 0; k < this.#kindCount; k += 1) {
        const entry = this.#kinds.find(b, this.#kindSpans[2 * k], this.#kindSpans[2 * k + 1]);
        if (!entry || entry.value === null) return null;
        kinds2[entry.value] = this.#kindCounts[k];
      }
    }
    const summary = new CompactSummary(
      config,
      this.#slab,
      idAt,
      this.#installed ? idAt + 16 : -1,
      this.#started,
      this.#ended,
      this.#logLines,
      this.#errorLines
    );
    if (this.#outcome >= 0) summary.outcome = OUTCOME_VALUES[this.#outcome];
    if (kinds2) summary.error_kinds = kinds2;
    this.#slabAt += this.#installed ? 32 : 16;
    this.lineEnd = i;
    return summary;
  }
  /** A non-negative integer written plainly, at most `max`; its value in #number. */
  #count(b, i, end, max) {
    const start = i;
    let value = 0;
    while (i < end) {
      const digit = b[i] - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
      i += 1;
    }
    const length = i - start;
    if (length === 0 || length > 13 || length > 1 && b[start] === 48 || value > max) return -1;
    const next = b[i];
    if (next === 46 || next === 101 || next === 69) return -1;
    this.#number = value;
    return i;
  }
  /** A UUID string, its 16 bytes written to the slab at `at`. */
  #uuid(b, i, end, at) {
    if (i + 38 > end || b[i] !== QUOTE || b[i + 37] !== QUOTE) return -1;
    return uuidAsciiToBytes(b, i + 1, this.#slab, at) ? i + 38 : -1;
  }
  /** The value of the configuration field in `slot`: one of its enum's words, or a string of its classes and lengths. Its span goes to the slot. */
  #slotValue(slot, b, i, end) {
    if (b[i] !== QUOTE) return -1;
    const start = i + 1;
    let k = start;
    if (ENUM[slot] === 1) {
      k = plainString(b, start, end);
      const code = k < 0 ? -1 : whichWord(b, start, k, WORDS[slot]);
      if (code < 0) return -1;
      this.#codes[slot] = code;
    } else {
      const base = slot << 7;
      for (; k < end; k += 1) {
        const code = b[k];
        if (code === QUOTE) break;
        if (code >= 128 || (CLASSES[base + code] & 2) === 0) return -1;
      }
      const length = k - start;
      if (k >= end || length < MIN[slot] || length > MAX[slot] || length > 0 && (CLASSES[base + b[start]] & 1) === 0)
        return -1;
    }
    this.#spans[2 * slot] = start;
    this.#spans[2 * slot + 1] = k;
    return k + 1;
  }
  /** An object of configuration fields, in any order, each at most once, the required ones present. */
  #object(reader, b, i, end) {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    const { keys, slots } = reader;
    for (; ; ) {
      if (b[i] !== QUOTE) return -1;
      const keyEnd = plainString(b, i + 1, end);
      if (keyEnd < 0) return -1;
      let n = 0;
      while (n < keys.length && !equalBytes(b, i + 1, keyEnd, keys[n])) n += 1;
      if (n === keys.length) return -1;
      const slot = slots[n];
      if (this.#spans[2 * slot] >= 0 || (this.#nulls & 1 << slot) !== 0) return -1;
      i = skip(b, keyEnd + 1, end);
      if (b[i] !== COLON) return -1;
      i = skip(b, i + 1, end);
      const valueAt = i;
      if (b[i] === 110) {
        i = this.#null(slot, b, i, end);
      } else {
        i = this.#slotValue(slot, b, i, end);
        if (i >= 0 && this.#recording) this.#value(slot, valueAt, i);
      }
      if (i < 0) return -1;
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      if (b[i] !== CLOSE) return -1;
      for (const required of reader.requiredSlots)
        if (this.#spans[2 * required] < 0 && (this.#nulls & 1 << required) === 0) return -1;
      return i + 1;
    }
  }
  /** One of `words`, as a string; its index in #code. */
  #word(b, i, end, words) {
    if (b[i] !== QUOTE) return -1;
    const close = plainString(b, i + 1, end);
    if (close < 0) return -1;
    this.#code = whichWord(b, i + 1, close, words);
    return this.#code < 0 ? -1 : close + 1;
  }
  /** A date-time string of at most `max` characters; its epoch milliseconds in #ms. */
  #timestamp(b, i, end, max) {
    if (b[i] !== QUOTE) return -1;
    const guess = i + 1 + this.#timestampLength;
    if (guess < end && b[guess] === QUOTE && this.#timestampLength <= max) {
      this.#ms = timestampMs(b, i + 1, guess);
      if (!Number.isNaN(this.#ms)) return guess + 1;
    }
    const close = plainString(b, i + 1, end);
    if (close < 0 || close - i - 1 > max) return -1;
    this.#ms = timestampMs(b, i + 1, close);
    if (Number.isNaN(this.#ms)) return -1;
    this.#timestampLength = close - i - 1;
    return close + 1;
  }
  /** {"Class.Name": count, ...}: spans and counts kept for interning once the line is known good. */
  #errorKinds(b, i, end) {
    if (b[i] !== OPEN) return -1;
    i = skip(b, i + 1, end);
    if (b[i] === CLOSE) return i + 1;
    const { classes, dotted } = KINDS;
    for (; ; ) {
      if (b[i] !== QUOTE || this.#kindCount >= KINDS.maxKinds) return -1;
      const start = i + 1;
      let k = start;
      let segmentStart = true;
      for (; k < end; k += 1) {
        const code = b[k];
        if (code === QUOTE) break;
        if (code >= 128) return -1;
        if (dotted && code === 46) {
          if (segmentStart) return -1;
          segmentStart = true;
          continue;
        }
        if ((classes[code] & (segmentStart ? 1 : 2)) === 0) return -1;
        if (dotted || k === start) segmentStart = false;
      }
      const length = k - start;
      if (k >= end || dotted && segmentStart || length < KINDS.minLength || length > KINDS.maxLength || whichWord(b, start, k, KINDS.forbidden) >= 0)
        return -1;
      for (let other = 0; other < this.#kindCount; other += 1) {
        const otherStart = this.#kindSpans[2 * other];
        const otherEnd = this.#kindSpans[2 * other + 1];
        if (sameBytes(b, otherStart, otherEnd, start, k)) return -1;
      }
      this.#kindSpans[2 * this.#kindCount] = start;
      this.#kindSpans[2 * this.#kindCount + 1] = k;
      i = skip(b, k + 1, end);
      if (b[i] !== COLON) return -1;
      i = this.#count(b, skip(b, i + 1, end), end, KINDS.max);
      if (i < 0 || this.#number < KINDS.min) return -1;
      this.#kindCounts[this.#kindCount] = this.#number;
      this.#kindCount += 1;
      i = skip(b, i, end);
      if (b[i] === COMMA) {
        i = skip(b, i + 1, end);
        continue;
      }
      return b[i] === CLOSE ? i + 1 : -1;
    }
  }
  /** The shared configuration of the current line, or null when it must take the full way. */
  #config(b) {
    if (this.#lastConfig && this.#sameAsLastKey(b)) return this.#lastConfig;
    const key = this.#key;
    const spans = this.#spans;
    const nulls = this.#nulls;
    let at = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot];
      if (start < 0) {
        key[at] = nulls >>> slot & 1;
        key[at + 1] = 0;
        at += 2;
        continue;
      }
      if (ENUM[slot] === 1) {
        key[at] = 3;
        key[at + 1] = this.#codes[slot];
        at += 2;
        continue;
      }
      const end = spans[2 * slot + 1];
      key[at] = 2;
      key[at + 1] = end - start;
      at += 2;
      for (let k = start; k < end; k += 1) key[at++] = b[k];
    }
    const config = this.#configs.find(key, 0, at)?.value ?? null;
    if (config) this.#lastKey.set(key.subarray(0, at));
    this.#lastConfig = config;
    return config;
  }
  /**
   * Whether #config would build the key of the last configuration found: the same walk, comparing
   * instead of copying. A deliberate pairing with #config: one walk that both builds and compares
   * would cost a branch per byte on the hottest path.
   */
  #sameAsLastKey(b) {
    const key = this.#lastKey;
    const spans = this.#spans;
    const nulls = this.#nulls;
    let at = 0;
    for (let slot = 0; slot < SLOTS; slot += 1) {
      const start = spans[2 * slot];
      if (start < 0) {
        if (key[at] !== (nulls >>> slot & 1)) return false;
        at += 2;
        continue;
      }
      if (ENUM[slot] === 1) {
        if (key[at] !== 3 || key[at + 1] !== this.#codes[slot]) return false;
        at += 2;
        continue;
      }
      const end = spans[2 * slot + 1];
      if (key[at] !== 2 || key[at + 1] !== end - start) return false;
      at += 2;
      for (let k = start; k < end; k += 1) if (key[at++] !== b[k]) return false;
    }
    return true;
  }
};

// src/intake/tally.ts
function bump(counts, key) {
  counts[key] = (counts[key] ?? 0) + 1;
}
function emptyTally() {
  return {
    inputsRead: 0,
    itemsRead: 0,
    bytesRead: 0,
    skipped: {},
    records: 0,
    accepted: 0,
    rejected: 0,
    rejectedReasons: {},
    privacy: {},
    duplicates: 0,
    outsideWindow: 0,
    limitReached: null
  };
}
var TALLY_COUNTS = [
  "inputsRead",
  "itemsRead",
  "bytesRead",
  "records",
  "accepted",
  "rejected",
  "duplicates",
  "outsideWindow"
];
var TALLY_MAPS = ["skipped", "rejectedReasons", "privacy"];
function addTally(total, tally) {
  for (const name of TALLY_COUNTS) total[name] += tally[name];
  for (const name of TALLY_MAPS)
    for (const [key, count] of Object.entries(tally[name])) total[name][key] = (total[name][key] ?? 0) + count;
  total.limitReached ??= tally.limitReached;
}

// src/intake/input-result.ts
var CLOCK_REASON = "started-in-future";
var InputCapture = class {
  #before;
  #records = new SessionRecordWriter(0);
  /** Sessions before 1970: outside every window a run can have, and not encodable from base 0. */
  #ancient = 0;
  constructor(tally) {
    this.#before = structuredClone(tally);
  }
  add(summary, run, times) {
    if (times.startedMs < 0) this.#ancient += 1;
    else this.#records.add(summary, run, times);
  }
  /** The result, from the tally before and after the input was read. */
  finish(after) {
    const tally = emptyTally();
    for (const name of TALLY_COUNTS) tally[name] = after[name] - this.#before[name];
    for (const name of TALLY_MAPS) {
      for (const [key, count2] of Object.entries(after[name])) {
        const added = count2 - (this.#before[name][key] ?? 0);
        if (added > 0) tally[name][key] = added;
      }
    }
    const clock = tally.rejectedReasons[CLOCK_REASON] ?? 0;
    delete tally.rejectedReasons[CLOCK_REASON];
    tally.rejected -= clock;
    tally.inputsRead = 0;
    tally.accepted = 0;
    tally.duplicates = 0;
    tally.outsideWindow = this.#ancient;
    const { bytes, count } = this.#records.takeRecords();
    return { tally, records: bytes, count, dictionary: this.#records.takeDictionary() };
  }
};
function eachStoredSession(result, each) {
  const reader = new SessionRecordReader(0);
  for (const config of result.dictionary.configs) reader.addConfig(config);
  for (const kind of result.dictionary.kinds) reader.addKind(kind);
  for (const run of result.dictionary.runs) reader.addRun(run);
  reader.read(result.records, result.count, ({ summary, run }) => each(summary, run, summary));
}

// schema/session-summary.v1.json
var session_summary_v1_default = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://crash-report-aggregator.dev/schema/session-summary.v1.json",
  title: "Session summary, version 1",
  description: "One anonymous summary of one application session: how long it ran, how much it logged, how much of that was errors, and on which configuration. There is deliberately no place for identity, credentials, commands, arguments or messages.",
  type: "object",
  additionalProperties: false,
  required: [
    "schema_version",
    "session_id",
    "app",
    "os",
    "started_at",
    "ended_at",
    "log_lines",
    "error_lines"
  ],
  properties: {
    schema_version: {
      const: 1
    },
    session_id: {
      $ref: "#/$defs/uuid",
      description: "Random per session; used only to count a re-uploaded session once."
    },
    install_id: {
      $ref: "#/$defs/uuid",
      description: "Random per installation; tells one noisy machine from a trend."
    },
    app: {
      type: "object",
      additionalProperties: false,
      required: [
        "name",
        "version"
      ],
      properties: {
        name: {
          $ref: "#/$defs/name"
        },
        version: {
          $ref: "#/$defs/version"
        }
      }
    },
    runtime: {
      type: "object",
      additionalProperties: false,
      required: [
        "name",
        "version"
      ],
      properties: {
        name: {
          $ref: "#/$defs/name"
        },
        version: {
          $ref: "#/$defs/version"
        }
      }
    },
    os: {
      type: "object",
      additionalProperties: false,
      required: [
        "platform"
      ],
      properties: {
        platform: {
          enum: [
            "linux",
            "darwin",
            "windows",
            "freebsd",
            "other"
          ]
        },
        version: {
          $ref: "#/$defs/version"
        },
        arch: {
          enum: [
            "x64",
            "arm64",
            "x86",
            "arm",
            "other"
          ]
        }
      }
    },
    ci: {
      description: "CI vendor name such as GITHUB_ACTIONS, or null outside CI.",
      type: [
        "string",
        "null"
      ],
      minLength: 2,
      maxLength: 32,
      pattern: "^[A-Z][A-Z0-9_]{1,31}$"
    },
    started_at: {
      $ref: "#/$defs/timestamp"
    },
    ended_at: {
      $ref: "#/$defs/timestamp"
    },
    log_lines: {
      $ref: "#/$defs/count",
      description: "Session size: lines logged in the session."
    },
    error_lines: {
      $ref: "#/$defs/count",
      description: "Error lines logged in the session; never more than log_lines."
    },
    outcome: {
      enum: [
        "ok",
        "error",
        "crash"
      ]
    },
    error_kinds: {
      description: "Exception class name to how often it was raised. Class names only, never messages.",
      type: "object",
      maxProperties: 32,
      propertyNames: {
        type: "string",
        maxLength: 128,
        pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$",
        not: {
          enum: [
            "__proto__",
            "constructor",
            "prototype"
          ]
        }
      },
      additionalProperties: {
        type: "integer",
        minimum: 1,
        maximum: 1e9
      }
    }
  },
  $defs: {
    uuid: {
      type: "string",
      minLength: 36,
      maxLength: 36,
      pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    },
    name: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    },
    version: {
      type: "string",
      minLength: 1,
      maxLength: 64,
      pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"
    },
    timestamp: {
      type: "string",
      format: "date-time",
      maxLength: 40,
      pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
    },
    count: {
      type: "integer",
      minimum: 0,
      maximum: 1e12
    }
  }
};

// src/records/validator-runtime.ts
var summaryFormats = { "date-time": { type: "string", validate: isDateTime } };
function codePointLength(text) {
  let length = 0;
  for (let at = 0; at < text.length; length += 1) {
    const unit = text.charCodeAt(at);
    at += unit >= 55296 && unit <= 56319 && at + 1 < text.length && (text.charCodeAt(at + 1) & 64512) === 56320 ? 2 : 1;
  }
  return length;
}

// src/generated/summary-validator.ts
var summary_validator_default = validate20;
var schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://crash-report-aggregator.dev/schema/session-summary.v1.json", "title": "Session summary, version 1", "description": "One anonymous summary of one application session: how long it ran, how much it logged, how much of that was errors, and on which configuration. There is deliberately no place for identity, credentials, commands, arguments or messages.", "type": "object", "additionalProperties": false, "required": ["schema_version", "session_id", "app", "os", "started_at", "ended_at", "log_lines", "error_lines"], "properties": { "schema_version": { "const": 1 }, "session_id": { "$ref": "#/$defs/uuid", "description": "Random per session; used only to count a re-uploaded session once." }, "install_id": { "$ref": "#/$defs/uuid", "description": "Random per installation; tells one noisy machine from a trend." }, "app": { "type": "object", "additionalProperties": false, "required": ["name", "version"], "properties": { "name": { "$ref": "#/$defs/name" }, "version": { "$ref": "#/$defs/version" } } }, "runtime": { "type": "object", "additionalProperties": false, "required": ["name", "version"], "properties": { "name": { "$ref": "#/$defs/name" }, "version": { "$ref": "#/$defs/version" } } }, "os": { "type": "object", "additionalProperties": false, "required": ["platform"], "properties": { "platform": { "enum": ["linux", "darwin", "windows", "freebsd", "other"] }, "version": { "$ref": "#/$defs/version" }, "arch": { "enum": ["x64", "arm64", "x86", "arm", "other"] } } }, "ci": { "description": "CI vendor name such as GITHUB_ACTIONS, or null outside CI.", "type": ["string", "null"], "minLength": 2, "maxLength": 32, "pattern": "^[A-Z][A-Z0-9_]{1,31}$" }, "started_at": { "$ref": "#/$defs/timestamp" }, "ended_at": { "$ref": "#/$defs/timestamp" }, "log_lines": { "$ref": "#/$defs/count", "description": "Session size: lines logged in the session." }, "error_lines": { "$ref": "#/$defs/count", "description": "Error lines logged in the session; never more than log_lines." }, "outcome": { "enum": ["ok", "error", "crash"] }, "error_kinds": { "description": "Exception class name to how often it was raised. Class names only, never messages.", "type": "object", "maxProperties": 32, "propertyNames": { "type": "string", "maxLength": 128, "pattern": "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "not": { "enum": ["__proto__", "constructor", "prototype"] } }, "additionalProperties": { "type": "integer", "minimum": 1, "maximum": 1e9 } } }, "$defs": { "uuid": { "type": "string", "minLength": 36, "maxLength": 36, "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, "name": { "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, "version": { "type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, "timestamp": { "type": "string", "format": "date-time", "maxLength": 40, "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, "count": { "type": "integer", "minimum": 0, "maximum": 1e12 } } };
var func1 = Object.prototype.hasOwnProperty;
var func2 = codePointLength;
var pattern4 = new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", "");
var pattern6 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", "");
var pattern7 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$", "");
var pattern11 = new RegExp("^[A-Z][A-Z0-9_]{1,31}$", "");
var pattern12 = new RegExp("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$", "");
var pattern14 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", "");
var formats0 = summaryFormats["date-time"];
function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.schema_version === void 0 && (missing0 = "schema_version") || data.session_id === void 0 && (missing0 = "session_id") || data.app === void 0 && (missing0 = "app") || data.os === void 0 && (missing0 = "os") || data.started_at === void 0 && (missing0 = "started_at") || data.ended_at === void 0 && (missing0 = "ended_at") || data.log_lines === void 0 && (missing0 = "log_lines") || data.error_lines === void 0 && (missing0 = "error_lines")) {
        validate20.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        const _errs1 = errors;
        for (const key0 in data) {
          if (!func1.call(schema31.properties, key0)) {
            validate20.errors = [{ instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" }];
            return false;
            break;
          }
        }
        if (_errs1 === errors) {
          if (data.schema_version !== void 0) {
            const _errs2 = errors;
            if (1 !== data.schema_version) {
              validate20.errors = [{ instancePath: instancePath + "/schema_version", schemaPath: "#/properties/schema_version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant" }];
              return false;
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.session_id !== void 0) {
              let data1 = data.session_id;
              const _errs3 = errors;
              const _errs4 = errors;
              if (errors === _errs4) {
                if (typeof data1 === "string") {
                  if (func2(data1) > 36) {
                    validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/maxLength", keyword: "maxLength", params: { limit: 36 }, message: "must NOT have more than 36 characters" }];
                    return false;
                  } else {
                    if (func2(data1) < 36) {
                      validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/minLength", keyword: "minLength", params: { limit: 36 }, message: "must NOT have fewer than 36 characters" }];
                      return false;
                    } else {
                      if (!pattern4.test(data1)) {
                        validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: 'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"' }];
                        return false;
                      }
                    }
                  }
                } else {
                  validate20.errors = [{ instancePath: instancePath + "/session_id", schemaPath: "#/$defs/uuid/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                  return false;
                }
              }
              var valid0 = _errs3 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.install_id !== void 0) {
                let data2 = data.install_id;
                const _errs6 = errors;
                const _errs7 = errors;
                if (errors === _errs7) {
                  if (typeof data2 === "string") {
                    if (func2(data2) > 36) {
                      validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/maxLength", keyword: "maxLength", params: { limit: 36 }, message: "must NOT have more than 36 characters" }];
                      return false;
                    } else {
                      if (func2(data2) < 36) {
                        validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/minLength", keyword: "minLength", params: { limit: 36 }, message: "must NOT have fewer than 36 characters" }];
                        return false;
                      } else {
                        if (!pattern4.test(data2)) {
                          validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/pattern", keyword: "pattern", params: { pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" }, message: 'must match pattern "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"' }];
                          return false;
                        }
                      }
                    }
                  } else {
                    validate20.errors = [{ instancePath: instancePath + "/install_id", schemaPath: "#/$defs/uuid/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                    return false;
                  }
                }
                var valid0 = _errs6 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.app !== void 0) {
                  let data3 = data.app;
                  const _errs9 = errors;
                  if (errors === _errs9) {
                    if (data3 && typeof data3 == "object" && !Array.isArray(data3)) {
                      let missing1;
                      if (data3.name === void 0 && (missing1 = "name") || data3.version === void 0 && (missing1 = "version")) {
                        validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                        return false;
                      } else {
                        const _errs11 = errors;
                        for (const key1 in data3) {
                          if (!(key1 === "name" || key1 === "version")) {
                            validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" }];
                            return false;
                            break;
                          }
                        }
                        if (_errs11 === errors) {
                          if (data3.name !== void 0) {
                            let data4 = data3.name;
                            const _errs12 = errors;
                            const _errs13 = errors;
                            if (errors === _errs13) {
                              if (typeof data4 === "string") {
                                if (func2(data4) > 64) {
                                  validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                  return false;
                                } else {
                                  if (func2(data4) < 1) {
                                    validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                    return false;
                                  } else {
                                    if (!pattern6.test(data4)) {
                                      validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"' }];
                                      return false;
                                    }
                                  }
                                }
                              } else {
                                validate20.errors = [{ instancePath: instancePath + "/app/name", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                            var valid3 = _errs12 === errors;
                          } else {
                            var valid3 = true;
                          }
                          if (valid3) {
                            if (data3.version !== void 0) {
                              let data5 = data3.version;
                              const _errs15 = errors;
                              const _errs16 = errors;
                              if (errors === _errs16) {
                                if (typeof data5 === "string") {
                                  if (func2(data5) > 64) {
                                    validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                    return false;
                                  } else {
                                    if (func2(data5) < 1) {
                                      validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                      return false;
                                    } else {
                                      if (!pattern7.test(data5)) {
                                        validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/app/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid3 = _errs15 === errors;
                            } else {
                              var valid3 = true;
                            }
                          }
                        }
                      }
                    } else {
                      validate20.errors = [{ instancePath: instancePath + "/app", schemaPath: "#/properties/app/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                      return false;
                    }
                  }
                  var valid0 = _errs9 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.runtime !== void 0) {
                    let data6 = data.runtime;
                    const _errs18 = errors;
                    if (errors === _errs18) {
                      if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                        let missing2;
                        if (data6.name === void 0 && (missing2 = "name") || data6.version === void 0 && (missing2 = "version")) {
                          validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/required", keyword: "required", params: { missingProperty: missing2 }, message: "must have required property '" + missing2 + "'" }];
                          return false;
                        } else {
                          const _errs20 = errors;
                          for (const key2 in data6) {
                            if (!(key2 === "name" || key2 === "version")) {
                              validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" }];
                              return false;
                              break;
                            }
                          }
                          if (_errs20 === errors) {
                            if (data6.name !== void 0) {
                              let data7 = data6.name;
                              const _errs21 = errors;
                              const _errs22 = errors;
                              if (errors === _errs22) {
                                if (typeof data7 === "string") {
                                  if (func2(data7) > 64) {
                                    validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                    return false;
                                  } else {
                                    if (func2(data7) < 1) {
                                      validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                      return false;
                                    } else {
                                      if (!pattern6.test(data7)) {
                                        validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/runtime/name", schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                              var valid6 = _errs21 === errors;
                            } else {
                              var valid6 = true;
                            }
                            if (valid6) {
                              if (data6.version !== void 0) {
                                let data8 = data6.version;
                                const _errs24 = errors;
                                const _errs25 = errors;
                                if (errors === _errs25) {
                                  if (typeof data8 === "string") {
                                    if (func2(data8) > 64) {
                                      validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                      return false;
                                    } else {
                                      if (func2(data8) < 1) {
                                        validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                        return false;
                                      } else {
                                        if (!pattern7.test(data8)) {
                                          validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                          return false;
                                        }
                                      }
                                    }
                                  } else {
                                    validate20.errors = [{ instancePath: instancePath + "/runtime/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                    return false;
                                  }
                                }
                                var valid6 = _errs24 === errors;
                              } else {
                                var valid6 = true;
                              }
                            }
                          }
                        }
                      } else {
                        validate20.errors = [{ instancePath: instancePath + "/runtime", schemaPath: "#/properties/runtime/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                        return false;
                      }
                    }
                    var valid0 = _errs18 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.os !== void 0) {
                      let data9 = data.os;
                      const _errs27 = errors;
                      if (errors === _errs27) {
                        if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
                          let missing3;
                          if (data9.platform === void 0 && (missing3 = "platform")) {
                            validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/required", keyword: "required", params: { missingProperty: missing3 }, message: "must have required property '" + missing3 + "'" }];
                            return false;
                          } else {
                            const _errs29 = errors;
                            for (const key3 in data9) {
                              if (!(key3 === "platform" || key3 === "version" || key3 === "arch")) {
                                validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" }];
                                return false;
                                break;
                              }
                            }
                            if (_errs29 === errors) {
                              if (data9.platform !== void 0) {
                                let data10 = data9.platform;
                                const _errs30 = errors;
                                if (!(data10 === "linux" || data10 === "darwin" || data10 === "windows" || data10 === "freebsd" || data10 === "other")) {
                                  validate20.errors = [{ instancePath: instancePath + "/os/platform", schemaPath: "#/properties/os/properties/platform/enum", keyword: "enum", params: { allowedValues: schema31.properties.os.properties.platform.enum }, message: "must be equal to one of the allowed values" }];
                                  return false;
                                }
                                var valid9 = _errs30 === errors;
                              } else {
                                var valid9 = true;
                              }
                              if (valid9) {
                                if (data9.version !== void 0) {
                                  let data11 = data9.version;
                                  const _errs31 = errors;
                                  const _errs32 = errors;
                                  if (errors === _errs32) {
                                    if (typeof data11 === "string") {
                                      if (func2(data11) > 64) {
                                        validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/maxLength", keyword: "maxLength", params: { limit: 64 }, message: "must NOT have more than 64 characters" }];
                                        return false;
                                      } else {
                                        if (func2(data11) < 1) {
                                          validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" }];
                                          return false;
                                        } else {
                                          if (!pattern7.test(data11)) {
                                            validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"' }];
                                            return false;
                                          }
                                        }
                                      }
                                    } else {
                                      validate20.errors = [{ instancePath: instancePath + "/os/version", schemaPath: "#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                      return false;
                                    }
                                  }
                                  var valid9 = _errs31 === errors;
                                } else {
                                  var valid9 = true;
                                }
                                if (valid9) {
                                  if (data9.arch !== void 0) {
                                    let data12 = data9.arch;
                                    const _errs34 = errors;
                                    if (!(data12 === "x64" || data12 === "arm64" || data12 === "x86" || data12 === "arm" || data12 === "other")) {
                                      validate20.errors = [{ instancePath: instancePath + "/os/arch", schemaPath: "#/properties/os/properties/arch/enum", keyword: "enum", params: { allowedValues: schema31.properties.os.properties.arch.enum }, message: "must be equal to one of the allowed values" }];
                                      return false;
                                    }
                                    var valid9 = _errs34 === errors;
                                  } else {
                                    var valid9 = true;
                                  }
                                }
                              }
                            }
                          }
                        } else {
                          validate20.errors = [{ instancePath: instancePath + "/os", schemaPath: "#/properties/os/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                          return false;
                        }
                      }
                      var valid0 = _errs27 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.ci !== void 0) {
                        let data13 = data.ci;
                        const _errs35 = errors;
                        if (typeof data13 !== "string" && data13 !== null) {
                          validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/type", keyword: "type", params: { type: schema31.properties.ci.type }, message: "must be string,null" }];
                          return false;
                        }
                        if (errors === _errs35) {
                          if (typeof data13 === "string") {
                            if (func2(data13) > 32) {
                              validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/maxLength", keyword: "maxLength", params: { limit: 32 }, message: "must NOT have more than 32 characters" }];
                              return false;
                            } else {
                              if (func2(data13) < 2) {
                                validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/minLength", keyword: "minLength", params: { limit: 2 }, message: "must NOT have fewer than 2 characters" }];
                                return false;
                              } else {
                                if (!pattern11.test(data13)) {
                                  validate20.errors = [{ instancePath: instancePath + "/ci", schemaPath: "#/properties/ci/pattern", keyword: "pattern", params: { pattern: "^[A-Z][A-Z0-9_]{1,31}$" }, message: 'must match pattern "^[A-Z][A-Z0-9_]{1,31}$"' }];
                                  return false;
                                }
                              }
                            }
                          }
                        }
                        var valid0 = _errs35 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.started_at !== void 0) {
                          let data14 = data.started_at;
                          const _errs37 = errors;
                          const _errs38 = errors;
                          if (errors === _errs38) {
                            if (errors === _errs38) {
                              if (typeof data14 === "string") {
                                if (func2(data14) > 40) {
                                  validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 40 }, message: "must NOT have more than 40 characters" }];
                                  return false;
                                } else {
                                  if (!pattern12.test(data14)) {
                                    validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"' }];
                                    return false;
                                  } else {
                                    if (!formats0.validate(data14)) {
                                      validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' }];
                                      return false;
                                    }
                                  }
                                }
                              } else {
                                validate20.errors = [{ instancePath: instancePath + "/started_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                return false;
                              }
                            }
                          }
                          var valid0 = _errs37 === errors;
                        } else {
                          var valid0 = true;
                        }
                        if (valid0) {
                          if (data.ended_at !== void 0) {
                            let data15 = data.ended_at;
                            const _errs40 = errors;
                            const _errs41 = errors;
                            if (errors === _errs41) {
                              if (errors === _errs41) {
                                if (typeof data15 === "string") {
                                  if (func2(data15) > 40) {
                                    validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/maxLength", keyword: "maxLength", params: { limit: 40 }, message: "must NOT have more than 40 characters" }];
                                    return false;
                                  } else {
                                    if (!pattern12.test(data15)) {
                                      validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/pattern", keyword: "pattern", params: { pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$" }, message: 'must match pattern "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?([Zz]|[+-][0-9]{2}:[0-9]{2})$"' }];
                                      return false;
                                    } else {
                                      if (!formats0.validate(data15)) {
                                        validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"' }];
                                        return false;
                                      }
                                    }
                                  }
                                } else {
                                  validate20.errors = [{ instancePath: instancePath + "/ended_at", schemaPath: "#/$defs/timestamp/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                              }
                            }
                            var valid0 = _errs40 === errors;
                          } else {
                            var valid0 = true;
                          }
                          if (valid0) {
                            if (data.log_lines !== void 0) {
                              let data16 = data.log_lines;
                              const _errs43 = errors;
                              const _errs44 = errors;
                              if (!(typeof data16 == "number" && (!(data16 % 1) && !isNaN(data16)) && isFinite(data16))) {
                                validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                return false;
                              }
                              if (errors === _errs44) {
                                if (typeof data16 == "number" && isFinite(data16)) {
                                  if (data16 > 1e12 || isNaN(data16)) {
                                    validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e12 }, message: "must be <= 1000000000000" }];
                                    return false;
                                  } else {
                                    if (data16 < 0 || isNaN(data16)) {
                                      validate20.errors = [{ instancePath: instancePath + "/log_lines", schemaPath: "#/$defs/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                      return false;
                                    }
                                  }
                                }
                              }
                              var valid0 = _errs43 === errors;
                            } else {
                              var valid0 = true;
                            }
                            if (valid0) {
                              if (data.error_lines !== void 0) {
                                let data17 = data.error_lines;
                                const _errs46 = errors;
                                const _errs47 = errors;
                                if (!(typeof data17 == "number" && (!(data17 % 1) && !isNaN(data17)) && isFinite(data17))) {
                                  validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                  return false;
                                }
                                if (errors === _errs47) {
                                  if (typeof data17 == "number" && isFinite(data17)) {
                                    if (data17 > 1e12 || isNaN(data17)) {
                                      validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e12 }, message: "must be <= 1000000000000" }];
                                      return false;
                                    } else {
                                      if (data17 < 0 || isNaN(data17)) {
                                        validate20.errors = [{ instancePath: instancePath + "/error_lines", schemaPath: "#/$defs/count/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                        return false;
                                      }
                                    }
                                  }
                                }
                                var valid0 = _errs46 === errors;
                              } else {
                                var valid0 = true;
                              }
                              if (valid0) {
                                if (data.outcome !== void 0) {
                                  let data18 = data.outcome;
                                  const _errs49 = errors;
                                  if (!(data18 === "ok" || data18 === "error" || data18 === "crash")) {
                                    validate20.errors = [{ instancePath: instancePath + "/outcome", schemaPath: "#/properties/outcome/enum", keyword: "enum", params: { allowedValues: schema31.properties.outcome.enum }, message: "must be equal to one of the allowed values" }];
                                    return false;
                                  }
                                  var valid0 = _errs49 === errors;
                                } else {
                                  var valid0 = true;
                                }
                                if (valid0) {
                                  if (data.error_kinds !== void 0) {
                                    let data19 = data.error_kinds;
                                    const _errs50 = errors;
                                    if (errors === _errs50) {
                                      if (data19 && typeof data19 == "object" && !Array.isArray(data19)) {
                                        if (Object.keys(data19).length > 32) {
                                          validate20.errors = [{ instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/maxProperties", keyword: "maxProperties", params: { limit: 32 }, message: "must NOT have more than 32 properties" }];
                                          return false;
                                        } else {
                                          for (const key4 in data19) {
                                            const _errs52 = errors;
                                            const _errs54 = errors;
                                            const _errs55 = errors;
                                            if (!(key4 === "__proto__" || key4 === "constructor" || key4 === "prototype")) {
                                              const err0 = {};
                                              if (vErrors === null) {
                                                vErrors = [err0];
                                              } else {
                                                vErrors.push(err0);
                                              }
                                              errors++;
                                            }
                                            var valid16 = _errs55 === errors;
                                            if (valid16) {
                                              const err1 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/not", keyword: "not", params: {}, message: "must NOT be valid", propertyName: key4 };
                                              if (vErrors === null) {
                                                vErrors = [err1];
                                              } else {
                                                vErrors.push(err1);
                                              }
                                              errors++;
                                            } else {
                                              errors = _errs54;
                                              if (vErrors !== null) {
                                                if (_errs54) {
                                                  vErrors.length = _errs54;
                                                } else {
                                                  vErrors = null;
                                                }
                                              }
                                            }
                                            if (errors === _errs52) {
                                              if (typeof key4 === "string") {
                                                if (func2(key4) > 128) {
                                                  const err2 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/maxLength", keyword: "maxLength", params: { limit: 128 }, message: "must NOT have more than 128 characters", propertyName: key4 };
                                                  if (vErrors === null) {
                                                    vErrors = [err2];
                                                  } else {
                                                    vErrors.push(err2);
                                                  }
                                                  errors++;
                                                } else {
                                                  if (!pattern14.test(key4)) {
                                                    const err3 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"', propertyName: key4 };
                                                    if (vErrors === null) {
                                                      vErrors = [err3];
                                                    } else {
                                                      vErrors.push(err3);
                                                    }
                                                    errors++;
                                                  }
                                                }
                                              } else {
                                                const err4 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames/type", keyword: "type", params: { type: "string" }, message: "must be string", propertyName: key4 };
                                                if (vErrors === null) {
                                                  vErrors = [err4];
                                                } else {
                                                  vErrors.push(err4);
                                                }
                                                errors++;
                                              }
                                            }
                                            var valid15 = _errs52 === errors;
                                            if (!valid15) {
                                              const err5 = { instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/propertyNames", keyword: "propertyNames", params: { propertyName: key4 }, message: "property name must be valid" };
                                              if (vErrors === null) {
                                                vErrors = [err5];
                                              } else {
                                                vErrors.push(err5);
                                              }
                                              errors++;
                                              validate20.errors = vErrors;
                                              return false;
                                              break;
                                            }
                                          }
                                          if (valid15) {
                                            for (const key5 in data19) {
                                              let data20 = data19[key5];
                                              const _errs57 = errors;
                                              if (!(typeof data20 == "number" && (!(data20 % 1) && !isNaN(data20)) && isFinite(data20))) {
                                                validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                                return false;
                                              }
                                              if (errors === _errs57) {
                                                if (typeof data20 == "number" && isFinite(data20)) {
                                                  if (data20 > 1e9 || isNaN(data20)) {
                                                    validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1e9 }, message: "must be <= 1000000000" }];
                                                    return false;
                                                  } else {
                                                    if (data20 < 1 || isNaN(data20)) {
                                                      validate20.errors = [{ instancePath: instancePath + "/error_kinds/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/error_kinds/additionalProperties/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                                                      return false;
                                                    }
                                                  }
                                                }
                                              }
                                              var valid17 = _errs57 === errors;
                                              if (!valid17) {
                                                break;
                                              }
                                            }
                                          }
                                        }
                                      } else {
                                        validate20.errors = [{ instancePath: instancePath + "/error_kinds", schemaPath: "#/properties/error_kinds/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                        return false;
                                      }
                                    }
                                    var valid0 = _errs50 === errors;
                                  } else {
                                    var valid0 = true;
                                  }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate20.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };

// src/records/validate-summary.ts
function propertyNamesOf(node, into) {
  if (node !== null && typeof node === "object") {
    for (const [key, child] of Object.entries(node)) {
      if (key === "properties" && child !== null && typeof child === "object") {
        for (const name of Object.keys(child)) into.add(name);
      }
      propertyNamesOf(child, into);
    }
  }
  return into;
}
var KNOWN_SEGMENTS = propertyNamesOf(session_summary_v1_default, /* @__PURE__ */ new Set());
function safePath(instancePath) {
  if (instancePath === "") return "/";
  return instancePath.split("/").map((segment, index) => index === 0 || KNOWN_SEGMENTS.has(segment) ? segment : "*").join("/");
}
var validateSchema = summary_validator_default;
function validateSummary(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, reason: "not-an-object" };
  }
  if (!validateSchema(value)) {
    const error = validateSchema.errors?.[0];
    const reason = error ? `schema:${safePath(error.instancePath)}:${error.keyword}` : "schema";
    return { ok: false, reason };
  }
  const summary = value;
  const startedMs = parseTimestamp(summary.started_at);
  const endedMs = parseTimestamp(summary.ended_at);
  if (endedMs < startedMs) {
    return { ok: false, reason: "ended-before-started" };
  }
  if (summary.error_lines > summary.log_lines) {
    return { ok: false, reason: "error-lines-exceed-log-lines" };
  }
  return { ok: true, summary, startedMs, endedMs };
}

// src/intake/intake.ts
var CLOCK_SKEW_MS = 10 * 60 * 1e3;
async function intake(options2) {
  const limits = options2.limits ?? DEFAULT_LIMITS;
  const tally = emptyTally();
  const dedupe = options2.dedupe ?? true;
  const seen = dedupe ? createDeduplicator(limits.maxRecords) : null;
  const windowStart = options2.windowStart.getTime();
  const latestStart = options2.now.getTime() + CLOCK_SKEW_MS;
  const reject = (reason) => {
    tally.rejected += 1;
    bump(tally.rejectedReasons, reason);
  };
  const adapter = options2.adapter ?? defaultAdapter();
  const screen = (value, run) => {
    const adapted = adaptRecord(value, adapter);
    if (!adapted.ok) {
      if (adapted.skip) bump(tally.skipped, adapted.reason);
      else reject(adapted.reason);
      return;
    }
    const finding = findPrivateData(adapted.value, safePath, KNOWN_SEGMENTS);
    if (finding) {
      reject("privacy");
      bump(tally.privacy, `${finding.path} ${finding.rule}`);
      return;
    }
    const checked = validateSummary(adapted.value);
    if (!checked.ok) {
      reject(checked.reason);
      return;
    }
    capture?.add(checked.summary, run, checked);
    admit(checked.summary, run, checked);
  };
  const admit = (summary, run, times) => {
    const startedMs = times.startedMs;
    if (startedMs > latestStart) {
      reject(CLOCK_REASON);
      return;
    }
    if (startedMs < windowStart) {
      tally.outsideWindow += 1;
      return;
    }
    if (seen && !seen.first(summary)) {
      tally.duplicates += 1;
      return;
    }
    tally.accepted += 1;
    options2.onSession(summary, run, times);
  };
  let capture = null;
  const replay = (result) => {
    if (tally.records + result.tally.records > limits.maxRecords) {
      tally.limitReached = "max-records";
      return;
    }
    if (tally.bytesRead + result.tally.bytesRead > limits.maxBytes) {
      tally.limitReached = "max-bytes";
      return;
    }
    addTally(tally, result.tally);
    eachStoredSession(result, admit);
  };
  const scanner = options2.fastPath !== false && (adapter.format === "auto" || adapter.format === "session-summary") ? new SummaryScanner() : null;
  const countRecord = () => {
    if (tally.records >= limits.maxRecords) {
      tally.limitReached = "max-records";
      return false;
    }
    tally.records += 1;
    return true;
  };
  const take = (parsed, run) => {
    if (!countRecord()) return false;
    if (parsed.ok) screen(parsed.value, run);
    else reject(parsed.reason);
    return true;
  };
  const takeScanned = (summary, run) => {
    if (!countRecord()) return false;
    capture?.add(summary, run, summary);
    admit(summary, run, summary);
    return true;
  };
  const takeLine = (bytes, start, end, run) => {
    if (end - start > RECORD_MAX_BYTES) return take({ ok: false, reason: "record-too-large" }, run);
    if (blankLine(bytes, start, end)) return true;
    return take(parseLine(bytes, start, end), run);
  };
  const takeLines = (bytes, run) => {
    const sink = (block, start, end) => takeLine(block, start, end, run);
    if (!scanner) return eachLine(bytes, sink);
    return eachLine(bytes, sink, (block, start) => {
      const summary = scanner.scanLine(block, start);
      if (!summary || scanner.lineEnd - start > RECORD_MAX_BYTES) return LEAVE_LINE;
      return takeScanned(summary, run) ? scanner.lineEnd : STOP_READING;
    });
  };
  const readRecords = async (item) => {
    const fileFormat = recordFormatOf(item.name);
    const format = adapter.format === "log" && fileFormat !== null ? "log" : fileFormat;
    if (format === null || format === "log" && adapter.format !== "auto" && adapter.format !== "log") {
      bump(tally.skipped, "unsupported-file-type");
      return;
    }
    const size = item.size ?? (item.stream ? 0 : item.bytes.byteLength);
    if (tally.bytesRead + size > limits.maxBytes) {
      tally.limitReached = "max-bytes";
      return;
    }
    if (!item.continued) tally.itemsRead += 1;
    tally.bytesRead += size;
    if (item.stream && format === "jsonl") {
      for await (const block of lineBlocks(item.stream())) if (!takeLines(block, item.run)) return;
      return;
    }
    if (format === "jsonl") {
      takeLines(item.bytes, item.run);
      return;
    }
    if (format === "log") {
      if (!countRecord()) return;
      const text = decode(item.bytes);
      if (text === null) return reject("not-utf8");
      const figures = readLog(text, adapter.logPattern);
      if (!figures) return reject("log-without-timestamps");
      screen(summaryFromLog(figures, createHash2("sha256").update(item.bytes).digest("hex"), adapter), item.run);
      return;
    }
    for (const parsed of parseRecords(item.bytes, "json")) if (!take(parsed, item.run)) return;
  };
  let position = 0;
  const consume = async (event, source) => {
    if (event.kind === "skip") {
      bump(tally.skipped, event.reason);
      return;
    }
    if (event.kind === "held" || !event.continued) {
      if (tally.inputsRead >= limits.maxInputs) {
        tally.limitReached = "max-artifacts";
        return;
      }
      tally.inputsRead += 1;
      position += 1;
      options2.onInput?.({ source, seq: event.seq ?? position });
    }
    if (event.kind === "held") {
      const result = options2.cache?.take(event.key) ?? null;
      if (result) replay(result);
      else bump(tally.skipped, "held-result-missing");
      return;
    }
    const cache = options2.cache;
    const key = event.key;
    capture = cache && key !== void 0 ? new InputCapture(tally) : null;
    await readInput(event);
    if (capture && !tally.limitReached) cache.put(key, capture.finish(tally));
    capture = null;
  };
  const readInput = async (event) => {
    if (!event.name.toLowerCase().endsWith(".zip")) {
      await readRecords(event);
      return;
    }
    for await (const entry of zipEntries(event)) {
      if (entry.kind === "skip") bump(tally.skipped, entry.reason);
      else await readRecords(entry);
      if (tally.limitReached) return;
    }
  };
  for (const [index, source] of options2.sources.entries()) {
    for await (const event of source.read()) {
      await consume(event, index);
      if (tally.limitReached) return tally;
    }
  }
  return tally;
}

// src/intake/parallel-intake.ts
function serveIntake(port, setup) {
  const waiting = [];
  let wake = null;
  port.on("message", (message) => {
    waiting.push(message);
    wake?.();
  });
  const next = async () => {
    while (waiting.length === 0) await new Promise((resolve) => wake = resolve);
    wake = null;
    return waiting.shift();
  };
  const records = new SessionRecordWriter(setup.windowStartMs);
  let captured = null;
  let reading = null;
  const post = () => {
    if (reading) {
      reading.bytes.buffer.transfer(0);
      reading.prefix?.buffer?.transfer(0);
      reading = null;
    }
    const { bytes, count } = records.takeRecords();
    const message = {
      kind: "input",
      records: bytes,
      count,
      dictionary: records.takeDictionary(),
      captured
    };
    captured = null;
    port.postMessage(message, [bytes.buffer]);
  };
  let finished = false;
  const source = {
    describe: () => "inputs from the main thread",
    async *read() {
      for (let first = true; ; first = false) {
        if (!first) post();
        const message = await next();
        if (message.kind === "finish") {
          finished = true;
          return;
        }
        const { item } = message;
        reading = item;
        const shared = { kind: "item", origin: item.origin, name: item.name, run: item.run };
        if (item.prefix) yield { ...shared, bytes: item.prefix, size: 0, continued: item.continued };
        yield {
          ...shared,
          bytes: item.bytes,
          size: item.size,
          continued: item.continued || item.prefix !== null,
          // Keyed when the main thread keeps its result: intake hands the result to the cache below.
          ...item.remember ? { key: item.origin } : {}
        };
      }
    }
  };
  const { logPattern, ...adapter } = setup.adapter;
  intake({
    sources: [source],
    adapter: { ...adapter, logPattern: new RegExp(logPattern.source, logPattern.flags) },
    windowStart: new Date(setup.windowStartMs),
    now: new Date(setup.nowMs),
    limits: setup.limits,
    dedupe: false,
    fastPath: setup.fastPath,
    cache: {
      take: () => null,
      put: (_key, result) => {
        captured = result;
      }
    },
    onSession: (summary, run, times) => records.add(summary, run, times)
  }).then(async (tally) => {
    if (!finished) post();
    while (!finished) {
      if ((await next()).kind === "finish") break;
      post();
    }
    port.postMessage({ kind: "done", tally });
  }).catch(
    (error) => port.postMessage({
      kind: "error",
      message: error instanceof Error ? error.stack ?? error.message : String(error)
    })
  );
}
var PIECE_BYTES = 1024 * 1024;

// src/intake-worker.ts
if (parentPort) serveIntake(parentPort, workerData);
